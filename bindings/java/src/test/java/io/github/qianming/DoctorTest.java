package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The doctor through Java: a verifier's replay guard, bad input, a closed verifier. */
class DoctorTest {
  private static final String KEY = "1234567890abcdef";
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final long T = 1_700_000_000_000L;

  static List<Pair> signedHeaders(String nonce) {
    try (Kingdee.Signer signer = new Kingdee.Signer("123456", SECRET)) {
      return new ArrayList<>(signer.sign("GET", "/a", null, null, Long.toString(T), nonce).headers());
    }
  }

  @Test
  void kingdeeVerdictsWithAndWithoutTheReplayGuard() {
    List<Pair> headers = signedHeaders("77");
    Doctor.KingdeeReport valid = Doctor.kingdee(SECRET, "GET", "/a", null, headers, T + 1000);
    assertEquals("valid", valid.verdict());
    assertEquals(Collections.emptyList(), valid.mistakes());
    assertEquals(1000, valid.timeDifferenceMs());
    assertEquals(valid.stringToSign(), valid.clientStringToSign());
    assertEquals("123456", valid.clientId());
    Kingdee.Verifier v = new Kingdee.Verifier(SECRET, Kingdee.DEFAULT_WINDOW_MS);
    try {
      v.verify("GET", "/a", null, headers, T + 1000);
      Doctor.KingdeeReport again = Doctor.kingdee(SECRET, "GET", "/a", null, headers, v, T + 1000,
          Kingdee.DEFAULT_WINDOW_MS);
      assertEquals("replayed", again.verdict());
      assertEquals(1, v.remembered(), "the doctor only reads the guard");
    } finally {
      v.close();
    }
    assertThrows(IllegalStateException.class, () -> Doctor.kingdee(SECRET, "GET", "/a", null, headers, v,
        T, Kingdee.DEFAULT_WINDOW_MS));
    Doctor.KingdeeReport late = Doctor.kingdee(SECRET, "GET", "/a", null, headers, T + 400_000);
    assertEquals("expired", late.verdict());
    assertEquals(400_000, late.timeDifferenceMs());
    Doctor.KingdeeReport other = Doctor.kingdee("another secret", "GET", "/a", null, headers, T);
    assertEquals("unexplained", other.verdict());
    assertNull(other.clientStringToSign());
    assertTrue(other.explanationZh().contains("密钥"), other.explanationZh());
  }

  @Test
  void kingdeeBadInput() {
    QianmingException missing = assertThrows(QianmingException.class,
        () -> Doctor.kingdee(SECRET, "GET", "/a", null, null, T));
    assertEquals("missing_header", missing.kind());
    assertThrows(NullPointerException.class, () -> Doctor.kingdee(SECRET, null, "/a", null, null, T));
    QianmingException format = assertThrows(QianmingException.class,
        () -> Doctor.kingdeePasted(SECRET, "GET /a HTTP/1.1\r\n\r\n", "wget", null, T, Kingdee.DEFAULT_WINDOW_MS));
    assertEquals("invalid_field", format.kind());
    QianmingException json = assertThrows(QianmingException.class,
        () -> Doctor.kingdeePasted(SECRET, "{not json", "har", null, T, Kingdee.DEFAULT_WINDOW_MS));
    assertEquals("invalid_json", json.kind());
  }

  @Test
  void weaverVerdictsAndBadInput() {
    String sign = Weaver.sign("app", "secret", KEY, T);
    Doctor.WeaverReport valid = Doctor.weaver("app", "secret", KEY, sign, T + 5);
    assertEquals("valid", valid.verdict());
    assertEquals(Long.valueOf(T), valid.timestampMs());
    assertEquals(Long.valueOf(5), valid.timeDifferenceMs());
    assertNotNull(valid.plaintextLayout());
    try (Weaver.Verifier v = new Weaver.Verifier("app", "secret", KEY, Weaver.DEFAULT_WINDOW_MS)) {
      v.verify(sign, T);
      assertEquals("replayed", Doctor.weaver("app", "secret", KEY, sign, v, T, Weaver.DEFAULT_WINDOW_MS).verdict());
    }
    Doctor.WeaverReport garbage = Doctor.weaver("app", "secret", KEY, "not a sign!", T);
    assertEquals("unexplained", garbage.verdict());
    assertNull(garbage.timestampMs());
    assertNull(garbage.plaintextLayout());
    assertEquals("invalid_key_length",
        assertThrows(QianmingException.class, () -> Doctor.weaver("app", "secret", "short", sign, T)).kind());
    assertThrows(NullPointerException.class, () -> Doctor.weaver("app", "secret", KEY, null, T));
  }
}
