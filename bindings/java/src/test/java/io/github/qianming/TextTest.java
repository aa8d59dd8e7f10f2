package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Strings in and out: strict UTF-8 (lone surrogates refused, never sent as '?'), large results. */
class TextTest {
  private static final String KEY = "1234567890abcdef";
  /** Lone surrogates: high alone, low alone, a pair in the wrong order, one at the very end. */
  private static final List<String> LONE =
      Arrays.asList("a\uD800b", "\uDC00", "x\uDC00\uD800y", "app\uD83D");

  static void refused(Executable call) {
    QianmingException e = assertThrows(QianmingException.class, call);
    assertEquals("invalid_unicode", e.kind());
    assertEquals(10, e.status());
    assertTrue(e.detail().contains("lone UTF-16 surrogate"), e.detail());
  }

  @Test
  void loneSurrogatesAreRefusedInEveryKindOfArgument() {
    for (String bad : LONE) {
      refused(() -> Kingdee.appSignature(bad, "abc123"));
      refused(() -> Kingdee.appSignature("abc", bad));
      refused(() -> new Kingdee.Signer(bad, "s3cret"));
      refused(() -> Weaver.sign("app", "secret", bad, 1L));
      refused(() -> Basic.credentials("user", bad));
      refused(() -> Kingdee.percentDecode(bad));
      refused(() -> Edge.xTokenHeader(bad));
      refused(() -> OAuth.authorizeUrl("http://h", "c", "http://r", bad, null)); // an optional text
      try (Kingdee.Signer signer = new Kingdee.Signer("123456", "s3cret")) {
        refused(() -> signer.sign("GET", "/a", Collections.singletonList(Pair.of("q", bad)), null,
            "1700000000000", "1"));
        refused(() -> signer.sign("GET", "/a", null, Collections.singletonList(Pair.of(bad, "v")),
            "1700000000000", "1"));
        refused(() -> signer.sign("GET", bad, null, null, "1700000000000", "1"));
      }
      try (Weaver.Verifier verifier = new Weaver.Verifier("app", "secret", KEY, Weaver.DEFAULT_WINDOW_MS)) {
        refused(() -> verifier.verify(bad, 1L));
      }
    }
  }

  @Test
  void theRefusalSaysWhereTheSurrogateIs() {
    QianmingException e = assertThrows(QianmingException.class, () -> Kingdee.appSignature("ab\uD800", "s"));
    assertTrue(e.detail().contains("U+D800 at index 2"), e.detail());
  }

  @Test
  void surrogatePairsAndOtherTextAreSignedAsTheirUtf8() {
    String text = "应用😀\u00e9";
    // The same bytes in, the same signature out, whether the key came as this String or as the
    // String decoded from its UTF-8 bytes.
    String decoded = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(Kingdee.appSignature(text, "s"), Kingdee.appSignature(decoded, "s"));
    assertTrue(!Kingdee.appSignature(text, "s").equals(Kingdee.appSignature("应用?\u00e9", "s")));
  }

  @Test
  void resultsLargerThanTheFirstBufferGrowIt() {
    StringBuilder path = new StringBuilder("/");
    for (int i = 0; i < 3000; i++) {
      path.append("路径");
    }
    try (Kingdee.Signer signer = new Kingdee.Signer("123456", "s3cret")) {
      Kingdee.SignedRequest out = signer.sign("get", path.toString(), null, null, "1700000000000",
          Kingdee.nonceFromEntropy(42));
      assertEquals("0000000042", out.header("x-api-nonce"));
      assertTrue(out.canonicalPath().length() > 2048);
    }
    // More attributes than the first item array holds: the list output grows it.
    StringBuilder body = new StringBuilder("{\"id\":\"u1\",\"attributes\":[");
    for (int i = 0; i < 100; i++) {
      body.append(i == 0 ? "" : ",").append("{\"a").append(1000 + i).append("\":\"v").append(i).append("\"}");
    }
    OAuth.UserInfo info = OAuth.parseUserinfoAnswer(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(100, info.attributes().size());
    assertEquals(Pair.of("a1099", "v99"), info.attributes().get(99));
  }

  @Test
  void parseQueryAndPercentDecodeFeedTheVerifier() {
    assertEquals(Arrays.asList(Pair.of("a", "1"), Pair.of("b", "x=y"), Pair.of("c", "d e"), Pair.of("f", "")),
        Kingdee.parseQuery("?a=1&b=x%3Dy&&c=d+e&f"));
    assertEquals("/路径/a+b", Kingdee.percentDecode("/%E8%B7%AF%E5%BE%84/a+b"));
    assertEquals("invalid_percent_encoding",
        assertThrows(QianmingException.class, () -> Kingdee.percentDecode("/a%zz")).kind());
    Kingdee.RequestTarget target = Kingdee.parseRequestTarget("/jdy/%E7%89%A9%E6%96%99/a%20b+c?k=v+w&x=%3D");
    assertEquals("/jdy/物料/a b+c", target.path());
    assertEquals(Arrays.asList(Pair.of("k", "v w"), Pair.of("x", "=")), target.query());
    assertEquals("invalid_percent_encoding",
        assertThrows(QianmingException.class, () -> Kingdee.parseRequestTarget("/a%zz?b=1")).kind());
    // More pairs than the first item array holds.
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      raw.append(i == 0 ? "" : "&").append("k").append(i).append('=').append(i);
    }
    List<Pair> pairs = Kingdee.parseQuery(raw.toString());
    assertEquals(200, pairs.size());
    assertEquals(Pair.of("k199", "199"), pairs.get(199));
  }
}
