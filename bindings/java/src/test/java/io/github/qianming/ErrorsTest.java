package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exceptions carry the stable kind, the status, the core's own detail and the vendor's refusal. */
class ErrorsTest {
  private static final String KEY = "1234567890abcdef";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void kindStatusAndTheCoresDetail() {
    QianmingException e = assertThrows(QianmingException.class, () -> new Kingdee.Signer("123456", ""));
    assertEquals("empty_secret", e.kind());
    assertEquals(1, e.status());
    assertNull(e.refusal());
    assertTrue(e.getMessage().startsWith("empty_secret: "), e.getMessage());

    // An expired sign: the detail is the core's, with the numbers (not just the status text).
    String sign = Weaver.sign("app", "secret", KEY, 1_700_000_000_000L);
    try (Weaver.Verifier v = new Weaver.Verifier("app", "secret", KEY, Weaver.DEFAULT_WINDOW_MS)) {
      QianmingException expired = assertThrows(QianmingException.class,
          () -> v.verify(sign, 1_700_000_000_000L + Weaver.DEFAULT_WINDOW_MS + 1000));
      assertEquals("expired", expired.kind());
      assertTrue(expired.detail().contains(Long.toString(Weaver.DEFAULT_WINDOW_MS)), expired.detail());
      assertTrue(!expired.detail().equals(NativeLib.qm_status_message(expired.status())), expired.detail());
    }
    try (Weaver.Verifier v = new Weaver.Verifier("app", "secret", KEY, Weaver.DEFAULT_WINDOW_MS)) {
      assertEquals(1_700_000_000_000L, v.verify(sign, 1_700_000_000_000L));
      QianmingException replayed = assertThrows(QianmingException.class, () -> v.verify(sign, 1_700_000_000_000L));
      assertEquals("replayed", replayed.kind());
    }

    QianmingException key = assertThrows(QianmingException.class, () -> Weaver.sign("a", "s", "short", 1));
    assertEquals("invalid_key_length", key.kind());
    assertEquals("invalid_timestamp", assertThrows(QianmingException.class, () -> {
      try (Kingdee.Signer s = new Kingdee.Signer("123456", "s3cret")) {
        s.sign("GET", "/a", null, null, "17e11", "1");
      }
    }).kind());
  }

  @Test
  void theDetailBelongsToThisThreadsLastFailure() throws Exception {
    // Another thread's failure in between does not change what this thread's exception says.
    QianmingException mine = assertThrows(QianmingException.class, () -> Apusic.baseUrlForHost("a b"));
    QianmingException[] theirs = new QianmingException[1];
    Thread other = new Thread(() -> theirs[0] = assertThrows(QianmingException.class,
        () -> Weaver.sign("a", "s", "short", 1)));
    other.start();
    other.join();
    assertEquals("invalid_key_length", theirs[0].kind());
    QianmingException again = assertThrows(QianmingException.class, () -> Apusic.baseUrlForHost("a b"));
    assertEquals("invalid_url", again.kind());
    assertEquals(mine.detail(), again.detail());
    assertTrue(!again.detail().equals(theirs[0].detail()), again.detail());
  }

  @Test
  void vendorRefusalsTravelWithTheException() {
    QianmingException k = assertThrows(QianmingException.class, () -> KingdeeToken.parseTokenAnswer(
        utf8("{\"errcode\":1001,\"description\":\"app_key 不存在\"}"), 0));
    assertEquals("vendor_error", k.kind());
    assertNotNull(k.refusal());
    assertEquals("1001", k.refusal().code());
    assertEquals("app_key 不存在", k.refusal().message());
    assertTrue(k.getMessage().contains("1001"), k.getMessage());

    QianmingException w = assertThrows(QianmingException.class, () -> WeaverToken.parseTokenAnswer(
        utf8("{\"status\":false,\"msg\":\"认证信息错误\",\"batchkey\":\"b1\"}"), 0));
    assertNotNull(w.refusal());
    assertEquals(w.kind(), w.refusal().kind());
    assertEquals("b1", w.refusal().batchkey());

    // A malformed answer is no vendor refusal: the exception carries none.
    QianmingException html = assertThrows(QianmingException.class,
        () -> KingdeeToken.parseTokenAnswer(utf8("<html>"), 0));
    assertEquals("invalid_json", html.kind());
    assertNull(html.refusal());
  }

  @Test
  void nullArgumentsAreJavaErrorsBeforeAnyNativeCall() {
    assertThrows(NullPointerException.class, () -> Kingdee.appSignature(null, "s"));
    assertThrows(NullPointerException.class, () -> KingdeeToken.parseTokenAnswer(null, 0));
    List<Pair> query = new ArrayList<>(Arrays.asList(Pair.of("a", null)));
    try (Kingdee.Signer s = new Kingdee.Signer("123456", "s3cret")) {
      assertThrows(NullPointerException.class, () -> s.sign("GET", "/a", query, null, "1", "1"));
      // In the extra headers to sign, a null value means "named without a value": the core's kind.
      assertEquals("missing_header_value", assertThrows(QianmingException.class,
          () -> s.sign("GET", "/a", null, Arrays.asList(Pair.of("x-h", null)), "1", "1")).kind());
    }
  }

  @Test
  void everyCoreKindHasItsStableName() {
    // The names are libqianming's (qm_status_name), the ones every binding shares.
    assertEquals("invalid_unicode", NativeLib.qm_status_name(10));
    assertEquals("replayed", NativeLib.qm_status_name(18));
    assertEquals("invalid_code_verifier", NativeLib.qm_status_name(41));
    assertEquals("invalid_utf8", NativeLib.qm_status_name(1001));
  }
}
