package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the vectors cannot show: the e-cology overloads that draw their seed from SecureRandom
 * (a round trip through a key pair made here), the defaults read from libqianming, and the
 * redacted {@code toString} of the K3Cloud and e-cology values.
 */
class K3CloudEcologyTest {
  static KeyPair pair;
  static String spk;

  @BeforeAll
  static void keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    pair = generator.generateKeyPair();
    spk = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()); // X.509 SubjectPublicKeyInfo
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void encryptWithoutSeedRoundTripsAndDiffersEachTime() throws Exception {
    assertEquals(1024L, Ecology.serverKey(spk).bits());
    String a = Ecology.encrypt(spk, "e0ab4a73-密");
    String b = Ecology.encrypt(spk, "e0ab4a73-密");
    assertNotEquals(a, b, "a fresh seed each call");
    assertEquals("e0ab4a73-密", K3CloudEcologyVectors.decrypt(pair.getPrivate(), a));
    assertEquals("e0ab4a73-密", K3CloudEcologyVectors.decrypt(pair.getPrivate(), b));
  }

  @Test
  void tokenRequestAndCallHeadersWithoutSeedDecryptWithThePrivateKey() throws Exception {
    HttpRequest r = Ecology.applytokenRequest("http://oa.example.com", "APP1", spk, "s3crit", null);
    assertEquals(Arrays.asList("appid", "secret"), K3CloudEcologyVectors.names(r.headers()));
    assertEquals("s3crit", K3CloudEcologyVectors.decrypt(pair.getPrivate(), r.header("secret")));
    HttpRequest timed = Ecology.applytokenRequest("http://oa.example.com", "APP1", spk, "s3crit", 3600L);
    assertEquals("3600", timed.header("time"));
    List<Pair> h = Ecology.callHeaders("APP1", "tok", spk, "31");
    assertEquals(Arrays.asList(Pair.of("appid", "APP1"), Pair.of("token", "tok")), h.subList(0, 2));
    assertEquals("31", K3CloudEcologyVectors.decrypt(pair.getPrivate(), h.get(2).value()));
    assertNotEquals(h.get(2), Ecology.callHeaders("APP1", "tok", spk, "31").get(2));
  }

  @Test
  void threadsShareTheSecureRandomAndGetTheSingleThreadSignatures() throws Exception {
    String appId = "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4";
    String url = "https://erp.example.com/k3cloud/x.common.kdsvc";
    List<String> alone = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      alone.add(K3Cloud.sign("acct", "u" + i, appId, "s", url, "ms", i).kdSignature());
    }
    List<List<String>> perThread = ThreadsTest.onThreads(t -> {
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        got.add(K3Cloud.sign("acct", "u" + i, appId, "s", url, "ms", i).kdSignature());
        String text = "t" + t + "-" + i;
        assertEquals(text, K3CloudEcologyVectors.decrypt(pair.getPrivate(), Ecology.encrypt(spk, text)));
      }
      return got;
    });
    for (List<String> got : perThread) {
      assertEquals(alone, got);
    }
  }

  @Test
  void aSeedOfAnotherLengthIsRefused() {
    QianmingException e = assertThrows(QianmingException.class,
        () -> Ecology.encrypt(spk, "x", new byte[Ecology.SEED_LEN - 1]));
    assertEquals("invalid_field", e.kind());
    assertThrows(NullPointerException.class, () -> Ecology.callHeaders("APP1", "tok", spk, "31", null));
  }

  @Test
  void defaultsComeFromLibqianming() {
    assertEquals(32, Ecology.SEED_LEN);
    assertEquals(1800L, Ecology.DEFAULT_TOKEN_LIFETIME_S);
    assertEquals(2052, K3Cloud.DEFAULT_LCID);
    String appId = "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4";
    String url = "https://erp.example.com/k3cloud/x.common.kdsvc";
    K3Cloud.SignedHeaders byDefault = K3Cloud.sign("acct", "demo", appId, "s", url, "ms", 1L);
    assertEquals("acct,demo,2052,0", byDefault.appData());
    assertEquals(byDefault, K3Cloud.sign("acct", "demo", appId, "s", K3Cloud.DEFAULT_LCID, "0", url, "ms", 1L));
    assertEquals("acct,demo,1033,7", K3Cloud.sign("acct", "demo", appId, "s", 1033, "7", url, "s", 1L).appData());
    assertEquals(K3Cloud.loginByAppSecretRequest("https://erp.example.com/k3cloud", "acct", "demo", appId, "s"),
        K3Cloud.loginByAppSecretRequest("https://erp.example.com/k3cloud", "acct", "demo", appId, "s", 2052));
    Ecology.Token t = Ecology.parseTokenAnswer(utf8("{\"status\":true,\"token\":\"t\"}"), 1000L);
    assertEquals(1000L + 1000L * Ecology.DEFAULT_TOKEN_LIFETIME_S, t.lifetime().expiresAtMs());
  }

  @Test
  void sessionHeadersCarryTheSessionTwice() {
    assertEquals(Arrays.asList(Pair.of("kdservice-sessionid", "abc"), Pair.of("Cookie", "kdservice-sessionid=abc")),
        K3Cloud.sessionHeaders("abc"));
    assertEquals("invalid_header_value", assertThrows(QianmingException.class,
        () -> K3Cloud.sessionHeaders("a;b")).kind());
  }

  @Test
  void secretsAreLeftOutOfToString() {
    RedactionTest.redacts(K3Cloud.parseLoginAnswer(utf8("{\"LoginResultType\":1,\"KDSVCSessionId\":\"SECRET-S\","
        + "\"Message\":\"ok\",\"IsSuccessByAPI\":true}")), "SECRET-S",
        "Session[sessionId=** redacted **, message=ok, isSuccessByApi=true]");
    RedactionTest.redacts(K3Cloud.gatewayCredentials("224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4"),
        "UVJWUANVXl8KXFlfWV1YSBNCShcUQRNL", "GatewayCredentials[clientId=224245, gatewaySecret=** redacted **]");
    RedactionTest.redacts(Ecology.parseRegistAnswer(utf8("{\"status\":true,\"secrit\":\"SECRET-R\",\"spk\":\""
        + spk + "\"}")), "SECRET-R", "Registration[secrit=** redacted **, spk=" + spk + ", message=null]");
    RedactionTest.redacts(Ecology.parseTokenAnswer(utf8("{\"status\":true,\"token\":\"SECRET-T\",\"msg\":\"ok\"}"),
        0L, 60L), "SECRET-T", "Token[token=** redacted **, message=ok, lifetime=TokenLifetime[");
    K3Cloud.SignedHeaders s = K3Cloud.sign("acct", "demo", "224245_YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4", "SECRET-A",
        "https://erp.example.com/k3cloud/x.common.kdsvc", "ms", 1L);
    assertFalse(s.toString().contains(s.apiSignature()), s.toString());
    assertTrue(s.toString().startsWith("SignedHeaders[timestamp=1, appData=acct,demo,2052,0, headers=[X-Api-ClientID, "),
        s.toString());
    assertEquals("ServerKey[bits=1024, maxPlaintextLen=117]", Ecology.serverKey(spk).toString());
  }
}
