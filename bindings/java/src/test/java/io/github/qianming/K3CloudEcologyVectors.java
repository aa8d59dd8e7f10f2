package io.github.qianming;

import static io.github.qianming.VectorsTest.answer;
import static io.github.qianming.VectorsTest.eq;
import static io.github.qianming.VectorsTest.judge;
import static io.github.qianming.VectorsTest.num;
import static io.github.qianming.VectorsTest.optNum;
import static io.github.qianming.VectorsTest.pairs;
import static io.github.qianming.VectorsTest.request;
import static io.github.qianming.VectorsTest.sameRequest;
import static io.github.qianming.VectorsTest.str;
import static io.github.qianming.VectorsTest.strings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;

/**
 * The runners of k3cloud.json and ecology.json (VectorsTest registers them by section). RSA
 * PKCS#1 v1.5 encryption is randomised by its seed, so an e-cology ciphertext is checked by
 * decrypting it with the case's {@code private_key} through javax.crypto, and by a second call
 * with the same seed giving the same text.
 */
final class K3CloudEcologyVectors {
  private K3CloudEcologyVectors() {}

  // ---- K3Cloud ----

  static void gatewaySecret(JsonNode c) throws Exception {
    judge(c, () -> {
      K3Cloud.GatewayCredentials g = K3Cloud.gatewayCredentials(str(c, "app_id"));
      JsonNode w = c.get("expected");
      eq("client_id", g.clientId(), str(w, "client_id"));
      eq("gateway_secret", g.gatewaySecret(), str(w, "gateway_secret"));
    });
  }

  /** A case's lcid as the C uint32_t Java passes in an int. */
  static int lcid(JsonNode c) {
    return (int) num(c.get("lcid"));
  }

  static void sign(JsonNode c) throws Exception {
    String[] id = {str(c, "acct_id"), str(c, "user_name"), str(c, "app_id"), str(c, "app_secret")};
    long ts = num(c.get("timestamp_ms"));
    judge(c, () -> {
      K3Cloud.SignedHeaders s = K3Cloud.sign(id[0], id[1], id[2], id[3], lcid(c), str(c, "org_num"), str(c, "url"),
          str(c, "timestamp_unit"), ts);
      JsonNode w = c.get("expected");
      eq("timestamp", s.timestamp(), str(w, "timestamp"));
      eq("string_to_sign", s.stringToSign(), str(w, "string_to_sign"));
      eq("app_data", s.appData(), str(w, "app_data"));
      List<Pair> want = pairs(w.get("headers"));
      eq("headers (sign)", s.headers(), want.subList(0, K3Cloud.SIGNED_HEADER_COUNT));
      eq("api_signature", s.apiSignature(), headerValue(want, "X-Api-Signature"));
      eq("kd_signature", s.kdSignature(), headerValue(want, "X-Kd-Signature"));
    });
    request(c, () -> K3Cloud.request(id[0], id[1], id[2], id[3], lcid(c), str(c, "org_num"), str(c, "url"),
        str(c, "body"), str(c, "timestamp_unit"), ts));
  }

  static String headerValue(List<Pair> headers, String name) {
    for (Pair h : headers) {
      if (h.name().equals(name)) {
        return h.value();
      }
    }
    throw new AssertionError("no header " + name + " in " + headers);
  }

  static void loginSign(JsonNode c) throws Exception {
    judge(c, () -> eq("sign", K3Cloud.loginSign(str(c, "acct_id"), str(c, "user_name"), str(c, "app_id"),
        str(c, "app_secret"), num(c.get("timestamp_s")), str(c, "hash")), str(c.get("expected"), "sign")));
  }

  static void loginBySignRequest(JsonNode c) throws Exception {
    request(c, () -> K3Cloud.loginBySignRequest(str(c, "server_url"), str(c, "acct_id"), str(c, "user_name"),
        str(c, "app_id"), str(c, "app_secret"), lcid(c), num(c.get("timestamp_s")), str(c, "hash")));
  }

  static void loginByAppSecretRequest(JsonNode c) throws Exception {
    request(c, () -> K3Cloud.loginByAppSecretRequest(str(c, "server_url"), str(c, "acct_id"), str(c, "user_name"),
        str(c, "app_id"), str(c, "app_secret"), lcid(c)));
  }

  static void loginAnswer(JsonNode c) throws Exception {
    answer(c, K3Cloud::parseLoginAnswer, (s, w) -> {
      eq("session_id", s.sessionId(), str(w, "session_id"));
      eq("message", s.message(), str(w, "message"));
      JsonNode flag = w.get("is_success_by_api");
      eq("is_success_by_api", s.isSuccessByApi(), flag == null || flag.isNull() ? null : flag.asBoolean());
    });
  }

  // ---- e-cology ----

  /**
   * A case's seed_hex as bytes, as the differential drivers read it: text that is not hex
   * becomes no bytes, which libqianming refuses as invalid_field (the CLI's kind for bad hex).
   */
  static byte[] seed(JsonNode c) {
    String hex = str(c, "seed_hex");
    return hex.length() % 2 == 0 && hex.matches("[0-9a-fA-F]*") ? VectorsTest.hex(hex) : new byte[0];
  }

  /** Base64 RSA PKCS#1 v1.5 ciphertext decrypted with a PKCS#8 DER (Base64) private key. */
  static String decrypt(String privateKey, String ciphertext) throws Exception {
    PrivateKey key = KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
    return decrypt(key, ciphertext);
  }

  static String decrypt(PrivateKey key, String ciphertext) throws Exception {
    Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
    rsa.init(Cipher.DECRYPT_MODE, key);
    return new String(rsa.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
  }

  static void serverKey(JsonNode c) throws Exception {
    judge(c, () -> {
      Ecology.ServerKey k = Ecology.serverKey(str(c, "spk"));
      eq("bits", k.bits(), num(c.get("expected").get("bits")));
      eq("max_plaintext_len below the modulus", k.maxPlaintextLen() > 0 && k.maxPlaintextLen() < k.bits() / 8, true);
    });
  }

  static void encrypt(JsonNode c) throws Exception {
    byte[] seed = seed(c);
    judge(c, () -> {
      String sealed = Ecology.encrypt(str(c, "spk"), str(c, "plaintext"), seed);
      eq("decrypted", decrypt(str(c, "private_key"), sealed), str(c.get("expected"), "plaintext"));
      eq("the same seed again", Ecology.encrypt(str(c, "spk"), str(c, "plaintext"), seed), sealed);
    });
  }

  static void registRequest(JsonNode c) throws Exception {
    request(c, () -> Ecology.registRequest(str(c, "base_url"), str(c, "appid"), str(c, "cpk")));
  }

  static void registAnswer(JsonNode c) throws Exception {
    answer(c, Ecology::parseRegistAnswer, (r, w) -> {
      eq("secrit", r.secrit(), str(w, "secrit"));
      eq("spk", r.spk(), str(w, "spk"));
      eq("message", r.message(), str(w, "message"));
    });
  }

  static List<String> names(List<Pair> headers) {
    List<String> out = new ArrayList<>();
    for (Pair h : headers) {
      out.add(h.name());
    }
    return out;
  }

  /** The headers named by a case's plain_headers, in order, with the values of {@code got}. */
  static List<Pair> plain(List<Pair> got, JsonNode want) {
    List<Pair> out = new ArrayList<>();
    for (Pair p : pairs(want)) {
      out.add(new Pair(p.name(), headerValue(got, p.name())));
    }
    return out;
  }

  static void tokenRequest(JsonNode c) throws Exception {
    byte[] seed = seed(c);
    Long time = optNum(c.get("time_s"));
    judge(c, () -> {
      HttpRequest r = Ecology.applytokenRequest(str(c, "base_url"), str(c, "appid"), str(c, "spk"),
          str(c, "secrit"), seed, time);
      JsonNode w = c.get("expected");
      eq("method", r.method(), str(w, "method"));
      eq("url", r.url(), str(w, "url"));
      eq("body", r.body(), str(w, "body"));
      eq("header names", names(r.headers()), strings(w.get("header_names")));
      eq("plain headers", plain(r.headers(), w.get("plain_headers")), pairs(w.get("plain_headers")));
      eq("secret decrypted", decrypt(str(c, "private_key"), r.header("secret")), str(w, "secret_decrypts_to"));
    });
  }

  static void tokenAnswer(JsonNode c) throws Exception {
    long received = num(c.get("received_at_ms"));
    long lifetime = num(c.get("lifetime_s"));
    answer(c, body -> Ecology.parseTokenAnswer(body, received, lifetime), (t, w) -> {
      eq("token", t.token(), str(w, "token"));
      eq("message", t.message(), str(w, "message"));
      eq("expires_at_ms", t.lifetime().expiresAtMs(), num(w.get("expires_at_ms")));
    });
    if (lifetime == Ecology.DEFAULT_TOKEN_LIFETIME_S) { // the overload with the default lifetime
      answer(c, body -> Ecology.parseTokenAnswer(body, received), (t, w) ->
          eq("expires_at_ms (default lifetime)", t.lifetime().expiresAtMs(), num(w.get("expires_at_ms"))));
    }
  }

  static void callHeaders(JsonNode c) throws Exception {
    byte[] seed = seed(c);
    judge(c, () -> {
      List<Pair> h = Ecology.callHeaders(str(c, "appid"), str(c, "token"), str(c, "spk"), str(c, "userid"), seed);
      JsonNode w = c.get("expected");
      eq("header names", names(h), strings(w.get("header_names")));
      eq("plain headers", plain(h, w.get("plain_headers")), pairs(w.get("plain_headers")));
      eq("userid decrypted", decrypt(str(c, "private_key"), headerValue(h, "userid")),
          str(w, "userid_decrypts_to"));
    });
  }
}
