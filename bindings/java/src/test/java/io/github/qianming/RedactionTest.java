package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every value holding a secret prints it as {@code ** redacted **}, and its other fields as they are. */
class RedactionTest {
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code shown} names the value's fields and values but never {@code secret}. */
  static void redacts(Object value, String secret, String shown) {
    String text = value.toString();
    assertFalse(text.contains(secret), text);
    assertTrue(text.contains("** redacted **"), text);
    assertTrue(text.startsWith(shown), text);
  }

  @Test
  void tokensAndPasswordsAreLeftOut() {
    redacts(KingdeeToken.parseTokenAnswer(utf8("{\"errcode\":0,\"description\":\"ok\",\"data\":{\"uid\":\"10086\","
        + "\"app-token\":\"SECRET-K\"}}"), 1700000000000L), "SECRET-K",
        "AppToken[appToken=** redacted **, uid=10086, description=ok, lifetime=TokenLifetime[");
    redacts(WeaverToken.parseTokenAnswer(utf8("{\"batchkey\":\"b1\",\"msg\":\"ok\",\"status\":true,"
        + "\"token\":\"SECRET-W\"}"), 1742369234096L), "SECRET-W",
        "Token[token=** redacted **, msg=ok, batchkey=b1, lifetime=TokenLifetime[");
    redacts(Apusic.parseSessionAnswer(utf8("{\"message\":\"hi\",\"exit_code\":\"SUCCESS\","
        + "\"extraProperties\":{\"token\":\"SECRET-A\"}}")), "SECRET-A", "SessionToken[token=** redacted **, message=hi]");
    redacts(OAuth.parseTokenAnswer(utf8("access_token=SECRET-O&expires=3600")), "SECRET-O",
        "AccessToken[accessToken=** redacted **, expires=3600]");
    redacts(Basic.parseCredentials(Basic.credentials("admin", "SECRET-P")), "SECRET-P",
        "Credentials[user=admin, password=** redacted **]");
  }

  @Test
  void anEdgeTokenLeavesOutBothTokensAndShowsAnAbsentRefreshTokenAsNull() {
    String both = "{\"code\":0,\"success\":true,\"t\":1686386096216,\"result\":{\"access_token\":\"SECRET-E\","
        + "\"expire\":1686393296,\"refresh_token\":\"SECRET-R\"}}";
    Edge.Token t = Edge.parseTokenAnswer(utf8(both));
    redacts(t, "SECRET-E", "Token[accessToken=** redacted **, refreshToken=** redacted **, expire=1686393296, "
        + "t=1686386096216, code=0, lifetime=TokenLifetime[");
    assertFalse(t.toString().contains("SECRET-R"), t.toString());
    String accessOnly = both.replace(",\"refresh_token\":\"SECRET-R\"", "");
    redacts(Edge.parseTokenAnswer(utf8(accessOnly)), "SECRET-E",
        "Token[accessToken=** redacted **, refreshToken=null, expire=1686393296");
  }

  @Test
  void valuesWithoutSecretsShowEveryField() {
    OAuth.Callback cb = OAuth.parseCallback("https://app.example/cb?code=c1&state=s1", "s1");
    assertEquals("Callback[code=c1, state=s1]", cb.toString());
    String explanation = Weaver.explain("a", "b", "0123456789abcdef", 1700000000000L).toString();
    assertTrue(explanation.startsWith("Explanation[plaintext=1700000000000_"), explanation);
  }
}
