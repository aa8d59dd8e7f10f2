package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifiers' replay guards, the tickets for a shared replay store, and safe diagnosis. */
class ReplayTest {
  static final long T0 = 1_700_000_000_000L;
  static final List<Pair> QUERY = Arrays.asList(Pair.of("app_key", "abc"));

  /** A request signed at T0 as the server receives it: the six X-Api-* headers. */
  static List<Pair> signedHeaders(String nonce) {
    try (Kingdee.Signer signer = new Kingdee.Signer("123456", "s3cret")) {
      return new ArrayList<>(signer.sign("GET", "/jdy/v2/a", QUERY, null, Long.toString(T0), nonce).headers());
    }
  }

  @Test
  void aKingdeeVerifierAcceptsEachRequestOnce() {
    List<Pair> headers = signedHeaders("1111111111");
    try (Kingdee.Verifier v = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS)) {
      Kingdee.Verified first = v.verify("GET", "/jdy/v2/a", QUERY, headers, T0 + 10);
      assertEquals("123456", first.clientId());
      assertEquals("1111111111", first.nonce());
      assertEquals(1, v.remembered());
      QianmingException again = assertThrows(QianmingException.class,
          () -> v.verify("GET", "/jdy/v2/a", QUERY, headers, T0 + 20));
      assertEquals("replayed", again.kind());
      // Kingdee.verify keeps no state: the same request passes again.
      assertEquals(first, Kingdee.verify("s3cret", Kingdee.DEFAULT_WINDOW_MS, "GET", "/jdy/v2/a", QUERY,
          headers, T0 + 30));
    }
  }

  @Test
  void aRefusedRequestMovesTheKingdeeVerifiersClockToo() {
    // As the core's Verifier::verify (and the CLI, Python and Node): every call moves the
    // guard's clock, so a clock stepped back after a refusal cannot reopen the window.
    try (Kingdee.Verifier v = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS)) {
      List<Pair> other = Arrays.asList(Pair.of("app_key", "other"));
      QianmingException refused = assertThrows(QianmingException.class,
          () -> v.verify("GET", "/jdy/v2/a", other, signedHeaders("3333333333"), T0 + 10 * Kingdee.DEFAULT_WINDOW_MS));
      assertEquals("signature_mismatch", refused.kind());
      QianmingException late = assertThrows(QianmingException.class,
          () -> v.verify("GET", "/jdy/v2/a", QUERY, signedHeaders("4444444444"), T0));
      assertEquals("expired", late.kind());
    }
  }

  @Test
  void statelessVerificationReturnsTheTicketForASharedStore() {
    List<Pair> headers = signedHeaders("2222222222");
    try (Kingdee.Verifier v = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS, 16, false)) {
      Kingdee.StatelessVerified a = v.verifyStateless("GET", "/jdy/v2/a", QUERY, headers, T0);
      Kingdee.StatelessVerified b = v.verifyStateless("GET", "/jdy/v2/a", QUERY, headers, T0 + 1000);
      assertEquals(a.ticket(), b.ticket(), "the same request, the same key and end");
      assertTrue(a.ticket().key().startsWith("kingdee:"), a.ticket().key());
      assertFalse(a.ticket().key().contains("s3cret"));
      assertEquals(T0 + Kingdee.DEFAULT_WINDOW_MS, a.ticket().expiresAtMs());
      assertEquals(Kingdee.DEFAULT_WINDOW_MS - 1000, a.ticket().ttlMs(T0 + 1000));
      assertEquals(1, a.ticket().ttlMs(a.ticket().expiresAtMs() + 5), "at least 1 ms");
      assertEquals(0, v.remembered());
    }
    String sign = Weaver.sign("app", "secret", ThreadsTest.KEY, T0);
    try (Weaver.Verifier w = new Weaver.Verifier("app", "secret", ThreadsTest.KEY, Weaver.DEFAULT_WINDOW_MS)) {
      Weaver.StatelessVerified s = w.verifyStateless(sign, T0);
      assertEquals(T0, s.timestampMs());
      assertTrue(s.ticket().key().startsWith("weaver:"), s.ticket().key());
      assertEquals(0, w.remembered());
      assertEquals(T0, w.verify(sign, T0));
      assertEquals(1, w.remembered());
    }
  }

  @Test
  void diagnosisExplainsARefusalWithoutRevealingTheSignature() {
    List<Pair> headers = signedHeaders("3333333333");
    List<Pair> tampered = Arrays.asList(Pair.of("app_key", "abd"));
    try (Kingdee.Verifier v = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS)) {
      Kingdee.Diagnosis d = v.diagnose("GET", "/jdy/v2/a", tampered, headers, T0);
      assertEquals("signature_mismatch", d.verdict());
      assertFalse(d.accepted());
      assertTrue(d.stringToSign().contains("app_key=abd"), d.stringToSign());
      Kingdee.VerifyExplanation revealing = Kingdee.explainRevealingSignature("s3cret", "GET", "/jdy/v2/a",
          tampered, headers);
      assertFalse(d.toString().contains(revealing.expectedSignature()));
      assertEquals(revealing.stringToSign(), d.stringToSign());
      assertEquals("expired", v.diagnose("GET", "/jdy/v2/a", QUERY, headers, T0 + 10 * Kingdee.DEFAULT_WINDOW_MS)
          .verdict());
      Kingdee.Diagnosis ok = v.diagnose("GET", "/jdy/v2/a", QUERY, headers, T0);
      assertTrue(ok.accepted());
      assertEquals(T0, ok.timestampMs());
      assertEquals("", ok.verdictDetail());
      assertEquals(0, v.remembered(), "diagnose changes no replay state");
    }
  }

  @Test
  @SuppressWarnings("deprecation")
  void theOldExplainNameGivesTheSameAnswer() {
    List<Pair> headers = signedHeaders("4444444444");
    Kingdee.VerifyExplanation now = Kingdee.explainRevealingSignature("s3cret", "GET", "/jdy/v2/a", QUERY, headers);
    Kingdee.VerifyExplanation old = Kingdee.verifyExplain("s3cret", "GET", "/jdy/v2/a", QUERY, headers);
    assertEquals(now.toString(), old.toString());
    assertEquals(now.receivedSignature(), now.expectedSignature());
  }

  @Test
  void unsignedQueryDataIsRefusedUnlessLenient() {
    List<Pair> headers = signedHeaders("5555555555");
    List<Pair> withEmptyName = Arrays.asList(Pair.of("app_key", "abc"), Pair.of("", "unsigned"));
    try (Kingdee.Verifier strict = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS)) {
      assertEquals("unsigned_query_data", assertThrows(QianmingException.class,
          () -> strict.verify("GET", "/jdy/v2/a", withEmptyName, headers, T0)).kind());
    }
    try (Kingdee.Verifier lenient = new Kingdee.Verifier("s3cret", Kingdee.DEFAULT_WINDOW_MS, 0, true)) {
      assertEquals("5555555555", lenient.verify("GET", "/jdy/v2/a", withEmptyName, headers, T0).nonce());
    }
  }
}
