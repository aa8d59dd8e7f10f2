package io.github.qianming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of every file in vectors/ through the Java
 * wrapper (JNA, libqianming). Each case is one dynamic test named {@code file [section] case
 * <id>}, so a failure names its case.
 */
class VectorsTest {
  interface Body {
    void run() throws Exception;
  }

  interface Runner {
    void run(JsonNode c) throws Exception;
  }

  // ---- reading cases ----

  /** A text field, or null when absent or JSON null. */
  static String str(JsonNode c, String k) {
    JsonNode n = c == null ? null : c.get(k);
    return n == null || n.isNull() ? null : n.asText();
  }

  /** A JSON integer as the u64 the C ABI sees (two's complement: u64 max is -1L). */
  static long num(JsonNode n) {
    if (n == null || !n.isIntegralNumber()) {
      throw new AssertionError("not an integer: " + n);
    }
    return n.bigIntegerValue().longValue();
  }

  static Long optNum(JsonNode n) {
    return n == null || n.isNull() ? null : num(n);
  }

  static List<Pair> pairs(JsonNode list) {
    List<Pair> out = new ArrayList<>();
    if (list != null && !list.isNull()) {
      for (JsonNode p : list) {
        out.add(new Pair(p.get(0).asText(), p.get(1).isNull() ? null : p.get(1).asText()));
      }
    }
    return out;
  }

  static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : list) {
      out.add(s.asText());
    }
    return out;
  }

  static void eq(String what, Object got, Object want) {
    if (!Objects.equals(got, want)) {
      throw new AssertionError(what + ": got " + got + ", want " + want);
    }
  }

  /** Runs a case: valid → the body's checks pass; invalid → it throws the named kind. */
  static void judge(JsonNode c, Body body) throws Exception {
    String result = c.hasNonNull("result") ? str(c, "result") : "valid";
    try {
      body.run();
      if (!result.equals("valid")) {
        throw new AssertionError("expected " + str(c, "error") + ", got success");
      }
    } catch (QianmingException e) {
      if (result.equals("valid")) {
        throw new AssertionError("expected success, got " + e, e);
      }
      eq("error kind", e.kind(), str(c, "error"));
      assertTrue(!e.detail().isEmpty() && e.getMessage().startsWith(e.kind() + ": "), e.getMessage());
      if (c.has("refusal")) { // a vendor refusal: what the vendor said travels along
        JsonNode want = c.get("refusal");
        QianmingException.Refusal r = e.refusal();
        if (r == null) {
          throw new AssertionError("expected a vendor refusal " + want + ", got " + e);
        }
        eq("refusal kind", r.kind(), e.kind());
        eq("refusal code", r.code(), str(want, "code"));
        eq("refusal message", r.message(), str(want, "message"));
        eq("refusal batchkey", r.batchkey(), str(want, "batchkey"));
      }
    }
  }

  static byte[] hex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** An answer body: body (UTF-8) or body_hex, then repeat × times, then tail. */
  static byte[] answerBody(JsonNode c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = c.hasNonNull("body_hex") ? hex(str(c, "body_hex"))
        : c.hasNonNull("body") ? str(c, "body").getBytes(StandardCharsets.UTF_8) : new byte[0];
    out.write(head, 0, head.length);
    if (c.hasNonNull("repeat")) {
      byte[] repeat = str(c, "repeat").getBytes(StandardCharsets.UTF_8);
      for (long t = num(c.get("times")); t > 0; t--) {
        out.write(repeat, 0, repeat.length);
      }
    }
    if (c.hasNonNull("tail")) {
      byte[] tail = str(c, "tail").getBytes(StandardCharsets.UTF_8);
      out.write(tail, 0, tail.length);
    }
    return out.toByteArray();
  }

  /** A parser of an answer case's body. */
  interface Parser<T> {
    T parse(byte[] body);
  }

  /** Checks a parsed answer against the case's `expected`. */
  interface Check<T> {
    void check(T got, JsonNode expected);
  }

  /** An answer case: its body (see {@link #answerBody}) parsed, then checked against `expected`. */
  static <T> void answer(JsonNode c, Parser<T> parser, Check<T> check) throws Exception {
    byte[] body = answerBody(c);
    judge(c, () -> check.check(parser.parse(body), c.get("expected")));
  }

  /** Builds a request. */
  interface Build {
    HttpRequest build() throws Exception;
  }

  /** Judges a built request: the case's error, or the request {@link #sameRequest} as its "expected". */
  static void request(JsonNode c, Build build) throws Exception {
    judge(c, () -> sameRequest(build.build(), c.get("expected")));
  }

  /** Compares a built request with {method, url, headers (in order), body (or null)}. */
  static void sameRequest(HttpRequest got, JsonNode w) {
    eq("method", got.method(), str(w, "method"));
    eq("url", got.url(), str(w, "url"));
    eq("headers", got.headers(), pairs(w.get("headers")));
    eq("body", got.body(), str(w, "body"));
  }

  // ---- one runner per section ----

  static void appSignature(JsonNode c) throws Exception {
    judge(c, () -> {
      Kingdee.AppSignature a = Kingdee.explainAppSignature(str(c, "app_key"), str(c, "app_secret"));
      eq("hmac_hex", a.hmacHex(), str(c, "hmac_hex"));
      eq("app_signature", a.appSignature(), str(c, "app_signature"));
      eq("app_signature (plain)", Kingdee.appSignature(str(c, "app_key"), str(c, "app_secret")),
          str(c, "app_signature"));
    });
  }

  static void request(JsonNode c) throws Exception {
    List<Pair> extra = pairs(c.get("sign_headers"));
    if (c.hasNonNull("sign_header_names_without_value")) {
      for (String name : strings(c.get("sign_header_names_without_value"))) {
        extra.add(new Pair(name, null));
      }
    }
    judge(c, () -> {
      try (Kingdee.Signer signer = new Kingdee.Signer(str(c, "client_id"), str(c, "client_secret"))) {
        Kingdee.SignedRequest out = signer.sign(str(c, "method"), str(c, "path"), pairs(c.get("query")),
            extra, str(c, "timestamp"), str(c, "nonce"));
        JsonNode w = c.get("expected");
        eq("canonical_path", out.canonicalPath(), str(w, "canonical_path"));
        eq("canonical_query", out.canonicalQuery(), str(w, "canonical_query"));
        eq("string_to_sign", out.stringToSign(), str(w, "string_to_sign"));
        eq("hmac_hex", out.hmacHex(), str(w, "hmac_hex"));
        eq("signature", out.signature(), str(w, "signature"));
        eq("signed_headers", out.signedHeaders(), strings(w.get("signed_headers")));
        for (Pair h : out.headers()) {
          eq(h.name(), h.value(), str(w.get("headers"), h.name()));
        }
        if (w.hasNonNull("wire_query")) {
          eq("wire_query", out.wireQuery(), str(w, "wire_query"));
        }
      }
    });
  }

  static void sameVerified(Kingdee.Verified v, JsonNode w) {
    eq("client_id", v.clientId(), str(w, "client_id"));
    eq("nonce", v.nonce(), str(w, "nonce"));
    eq("timestamp_ms", v.timestampMs(), num(w.get("timestamp_ms")));
  }

  /** A received request case: client_secret, method, path, query, headers and now_ms. */
  static final class Received {
    final String secret;
    final String method;
    final String path;
    final List<Pair> query;
    final List<Pair> headers;
    final long now;

    Received(JsonNode c) {
      secret = str(c, "client_secret");
      method = str(c, "method");
      path = str(c, "path");
      query = pairs(c.get("query"));
      headers = pairs(c.get("headers"));
      now = num(c.get("now_ms"));
    }
  }

  /** The same case through Kingdee.verify, a Verifier (guarded and stateless) and diagnose. */
  static void verifyRequest(JsonNode c) throws Exception {
    long window = c.hasNonNull("window_ms") ? num(c.get("window_ms")) : Kingdee.DEFAULT_WINDOW_MS;
    Received r = new Received(c);
    judge(c, () -> sameVerified(Kingdee.verify(r.secret, window, r.method, r.path, r.query, r.headers, r.now),
        c.get("expected")));
    judge(c, () -> {
      try (Kingdee.Verifier v = new Kingdee.Verifier(r.secret, window)) {
        Kingdee.StatelessVerified stateless = v.verifyStateless(r.method, r.path, r.query, r.headers, r.now);
        sameVerified(stateless.verified(), c.get("expected"));
        eq("ticket names the client", stateless.ticket().key().contains(str(c.get("expected"), "client_id")), true);
        eq("nothing remembered yet", v.remembered(), 0L);
        sameVerified(v.verify(r.method, r.path, r.query, r.headers, r.now), c.get("expected"));
        eq("remembered", v.remembered(), 1L);
      }
    });
    // diagnose: a rebuilt request carries its verdict; one too malformed to rebuild throws.
    String result = c.hasNonNull("result") ? str(c, "result") : "valid";
    try (Kingdee.Verifier v = new Kingdee.Verifier(r.secret, window)) {
      Kingdee.Diagnosis d = v.diagnose(r.method, r.path, r.query, r.headers, r.now);
      if (result.equals("valid")) {
        eq("diagnosis verdict", d.verdict(), "ok");
        eq("diagnosed timestamp", d.timestampMs(), num(c.get("expected").get("timestamp_ms")));
      } else {
        eq("diagnosis verdict", d.verdict(), str(c, "error"));
        eq("diagnosis detail given", d.verdictDetail().isEmpty(), false);
      }
    } catch (QianmingException e) {
      eq("diagnosis refused", result + " " + e.kind(), "invalid " + str(c, "error"));
    }
  }

  static void weaverSign(JsonNode c) throws Exception {
    judge(c, () -> {
      long ts = num(c.get("timestamp_ms"));
      Weaver.Explanation e = Weaver.explain(str(c, "appid"), str(c, "secret"), str(c, "aes_key"), ts);
      eq("md5_upper", e.md5Upper(), str(c, "md5_upper"));
      eq("plaintext", e.plaintext(), str(c, "plaintext"));
      eq("sign", e.sign(), str(c, "sign"));
      eq("sign (plain)", Weaver.sign(str(c, "appid"), str(c, "secret"), str(c, "aes_key"), ts), str(c, "sign"));
    });
  }

  static void verifySign(JsonNode c) throws Exception {
    long window = c.hasNonNull("window_ms") ? num(c.get("window_ms")) : Weaver.DEFAULT_WINDOW_MS;
    Weaver.Verifier verifier = null;
    QianmingException made = null;
    try {
      verifier = new Weaver.Verifier(str(c, "appid"), str(c, "secret"), str(c, "aes_key"), window);
    } catch (QianmingException e) {
      made = e;
    }
    try {
      int i = 0;
      for (JsonNode step : c.get("steps")) {
        final Weaver.Verifier v = verifier;
        final QianmingException m = made;
        try {
          judge(step, () -> {
            if (m != null) {
              throw m;
            }
            eq("timestamp_ms", v.verify(str(step, "sign"), num(step.get("now_ms"))),
                num(step.get("timestamp_ms")));
          });
        } catch (AssertionError e) {
          throw new AssertionError("step " + i + ": " + e.getMessage(), e);
        }
        i++;
      }
    } finally {
      if (verifier != null) {
        verifier.close();
      }
    }
  }

  static void basicEncode(JsonNode c) throws Exception {
    String user = str(c, "user");
    String password = str(c, "password");
    judge(c, () -> {
      eq("credentials", Basic.credentials(user, password), str(c, "credentials"));
      eq("authorization", Basic.authorizationHeader(user, password), str(c, "authorization"));
      eq("authorization_raw", Basic.authorizationHeaderRaw(user, password), str(c, "authorization_raw"));
      // The raw form parses back with parseCredentials.
      Basic.Credentials back = Basic.parseCredentials(Basic.authorizationHeaderRaw(user, password));
      eq("parseCredentials user", back.user(), user);
      eq("parseCredentials password", back.password(), password);
    });
  }

  static void basicDecode(JsonNode c) throws Exception {
    judge(c, () -> {
      Basic.Credentials cred = Basic.parseAuthorization(str(c, "authorization"));
      eq("user", cred.user(), str(c, "user"));
      eq("password", cred.password(), str(c, "password"));
    });
  }

  static void kingdeeTokenRequest(JsonNode c) throws Exception {
    judge(c, () -> {
      try (Kingdee.Signer signer = new Kingdee.Signer(str(c, "client_id"), str(c, "client_secret"))) {
        KingdeeToken.Request r = signer.tokenRequest(str(c, "base_url"), str(c, "app_key"),
            str(c, "app_secret"), str(c, "uid"), str(c, "timestamp"), str(c, "nonce"));
        JsonNode w = c.get("expected");
        sameRequest(r.http(), w);
        eq("app_signature", r.appSignature(), str(w, "app_signature"));
        eq("string_to_sign", r.stringToSign(), str(w, "string_to_sign"));
      }
    });
  }

  static void kingdeeTokenAnswer(JsonNode c) throws Exception {
    answer(c, body -> KingdeeToken.parseTokenAnswer(body, num(c.get("received_at_ms"))), (t, w) -> {
      eq("app_token", t.appToken(), str(w, "app_token"));
      eq("uid", t.uid(), str(w, "uid"));
      eq("expires_at_ms", t.lifetime().expiresAtMs(), num(w.get("expires_at_ms")));
    });
  }

  static void weaverTokenRequest(JsonNode c) throws Exception {
    request(c, () -> WeaverToken.tokenRequest(str(c, "base_url"), str(c, "appid"), str(c, "sign")));
  }

  static void weaverTokenAnswer(JsonNode c) throws Exception {
    answer(c, body -> WeaverToken.parseTokenAnswer(body, num(c.get("received_at_ms"))), (t, w) -> {
      eq("token", t.token(), str(w, "token"));
      eq("msg", t.msg(), str(w, "msg"));
      eq("batchkey", t.batchkey(), str(w, "batchkey"));
      eq("expires_at_ms", t.lifetime().expiresAtMs(), num(w.get("expires_at_ms")));
    });
  }

  static void apusicSessionRequest(JsonNode c) throws Exception {
    Apusic.Mode mode = "raw".equals(str(c, "mode")) ? Apusic.Mode.RAW : Apusic.Mode.BASIC;
    judge(c, () -> {
      String base = c.hasNonNull("host") ? Apusic.baseUrlForHost(str(c, "host")) : str(c, "base_url");
      sameRequest(Apusic.sessionRequest(base, str(c, "user"), str(c, "password"), mode,
          str(c, "remote_host_name")), c.get("expected"));
    });
  }

  static void apusicSessionAnswer(JsonNode c) throws Exception {
    answer(c, Apusic::parseSessionAnswer, (t, w) -> {
      eq("token", t.token(), str(w, "token"));
      eq("message", t.message(), str(w, "message"));
    });
  }

  static void apusicCallHeaders(JsonNode c) throws Exception {
    judge(c, () -> eq("headers", Apusic.callHeaders(str(c, "token"), str(c, "cookie_name"),
        c.path("x_auth_token").asBoolean(false)), pairs(c.get("expected").get("headers"))));
  }

  static void oauthAuthorizeUrl(JsonNode c) throws Exception {
    judge(c, () -> {
      String url = OAuth.authorizeUrl(str(c, "base_url"), str(c, "client_id"), str(c, "redirect_uri"),
          str(c, "state"), str(c, "code_verifier"));
      JsonNode w = c.get("expected");
      eq("url", url, str(w, "url"));
      eq("code_challenge given", w.has("code_challenge"), true);
      if (w.hasNonNull("code_challenge")) {
        eq("code_challenge", OAuth.pkceChallenge(str(c, "code_verifier")), str(w, "code_challenge"));
      } else {
        eq("code_verifier (no challenge expected)", str(c, "code_verifier"), null);
      }
    });
  }

  static void oauthTokenRequest(JsonNode c) throws Exception {
    request(c, () -> OAuth.tokenRequest(str(c, "base_url"), str(c, "client_id"),
        str(c, "client_secret"), str(c, "redirect_uri"), str(c, "code"), str(c, "code_verifier")));
  }

  static void oauthTokenAnswer(JsonNode c) throws Exception {
    answer(c, OAuth::parseTokenAnswer, (t, w) -> {
      eq("access_token", t.accessToken(), str(w, "access_token"));
      eq("expires", t.expires(), optNum(w.get("expires")));
    });
  }

  static void oauthUserinfoRequest(JsonNode c) throws Exception {
    request(c, () -> OAuth.userinfoRequest(str(c, "base_url"), str(c, "access_token")));
  }

  static void oauthUserinfoAnswer(JsonNode c) throws Exception {
    answer(c, OAuth::parseUserinfoAnswer, (u, w) -> {
      eq("id", u.id(), str(w, "id"));
      eq("attributes", u.attributes(), pairs(w.get("attributes")));
    });
  }

  static void oauthCallback(JsonNode c) throws Exception {
    judge(c, () -> {
      OAuth.Callback cb = OAuth.parseCallback(str(c, "callback"), str(c, "expected_state"));
      JsonNode w = c.get("expected");
      eq("code", cb.code(), str(w, "code"));
      eq("state", cb.state(), str(w, "state"));
    });
  }

  static void edgeLoginRequest(JsonNode c) throws Exception {
    request(c, () -> Edge.loginRequest(str(c, "base_url"), str(c, "username"), str(c, "password")));
  }

  static void edgeRefreshRequest(JsonNode c) throws Exception {
    request(c, () -> Edge.refreshRequest(str(c, "base_url"), str(c, "refresh_token")));
  }

  static void edgeTokenAnswer(JsonNode c) throws Exception {
    answer(c, Edge::parseTokenAnswer, (t, w) -> {
      eq("access_token", t.accessToken(), str(w, "access_token"));
      eq("refresh_token", t.refreshToken(), str(w, "refresh_token"));
      eq("expire", t.expire(), num(w.get("expire")));
      eq("t", t.t(), optNum(w.get("t")));
      eq("code", t.code(), str(w, "code"));
      eq("expires_at_ms", t.lifetime().expiresAtMs(), num(w.get("expires_at_ms")));
      eq("refresh_expires_at_ms", t.lifetime().refreshExpiresAtMs(), optNum(w.get("refresh_expires_at_ms")));
    });
  }

  static void edgeXToken(JsonNode c) throws Exception {
    judge(c, () -> {
      Pair h = Edge.xTokenHeader(str(c, "access_token"));
      JsonNode w = c.get("expected");
      eq("name", h.name(), str(w, "name"));
      eq("value", h.value(), str(w, "value"));
    });
  }

  static void edgeJwt(JsonNode c) throws Exception {
    judge(c, () -> {
      Edge.JwtClaims claims = Edge.readJwtClaims(str(c, "jwt"));
      JsonNode w = c.get("expected");
      eq("exp", claims.exp(), optNum(w.get("exp")));
      eq("iat", claims.iat(), optNum(w.get("iat")));
      eq("nbf", claims.nbf(), optNum(w.get("nbf")));
      eq("iss", claims.iss(), str(w, "iss"));
      eq("payload_json is a JSON object", Repo.JSON.readTree(claims.payloadJson()).isObject(), true);
    });
  }

  static void tokenLifetime(JsonNode c) throws Exception {
    judge(c, () -> {
      TokenLifetime life = c.has("exp_s")
          ? TokenLifetime.fromExpSeconds(num(c.get("exp_s")))
          : TokenLifetime.fromDuration(num(c.get("issued_at_ms")), num(c.get("lifetime_ms")));
      if (c.has("refresh_expires_at_ms")) {
        life = life.withRefresh(num(c.get("refresh_expires_at_ms")), false);
      }
      if (c.has("refresh_exp_s")) {
        life = life.withRefresh(num(c.get("refresh_exp_s")), true);
      }
      TokenLifetime.Action action = life.action(num(c.get("now_ms")), num(c.get("skew_ms")));
      JsonNode w = c.get("expected");
      eq("action", action.label(), str(w, "action"));
      eq("expires_at_ms", life.expiresAtMs(), num(w.get("expires_at_ms")));
    });
  }

  // ---- WXBizMsgCrypt, DingTalk, Feishu, Yonyou ----

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void wecomSignature(JsonNode c) throws Exception {
    String token = str(c, "token");
    String ts = str(c, "timestamp");
    String nonce = str(c, "nonce");
    String encrypt = str(c, "encrypt");
    judge(c, () -> eq("signature", WeCom.msgSignature(token, ts, nonce, encrypt), str(c, "signature")));
    // The check accepts the expected signature (and refuses invalid inputs alike, whatever the
    // signature received).
    String received = c.hasNonNull("signature") ? str(c, "signature") : "received";
    judge(c, () -> WeCom.verifyMsgSignature(token, ts, nonce, encrypt, received));
    if (c.hasNonNull("signature")) {
      String good = str(c, "signature");
      String other = good.substring(0, 39) + (good.endsWith("0") ? "1" : "0");
      eq("a changed signature is refused", kindOf(() -> WeCom.verifyMsgSignature(token, ts, nonce, encrypt,
          other)), "signature_mismatch");
    }
  }

  /** The kind a call refuses with, or "ok". */
  static String kindOf(Body body) throws Exception {
    try {
      body.run();
      return "ok";
    } catch (QianmingException e) {
      return e.kind();
    }
  }

  static void wecomDecrypt(JsonNode c) throws Exception {
    String key = str(c, "encoding_aes_key");
    String receiveId = str(c, "receive_id");
    String encrypt = str(c, "encrypt");
    judge(c, () -> eq("message", WeCom.decrypt(key, receiveId, encrypt), str(c, "message")));
    // The same through verifyAndDecrypt, with a msg_signature made for it.
    String signature = WeCom.msgSignature("QDG6eK", "1409659589", "263014780", encrypt);
    judge(c, () -> eq("message (verifyAndDecrypt)", WeCom.verifyAndDecrypt("QDG6eK", key, receiveId,
        "1409659589", "263014780", encrypt, signature), str(c, "message")));
  }

  static void wecomEncrypt(JsonNode c) throws Exception {
    String key = str(c, "encoding_aes_key");
    String receiveId = str(c, "receive_id");
    String message = str(c, "message");
    byte[] random = hex(str(c, "random_hex"));
    judge(c, () -> {
      WeCom.EncryptedReply r = WeCom.encryptReply(key, receiveId, message, random, str(c, "token"),
          str(c, "timestamp"), str(c, "nonce"));
      eq("encrypt", r.encrypt(), str(c, "encrypt"));
      eq("signature", r.signature(), str(c, "signature"));
      eq("decrypted back", WeCom.decrypt(key, receiveId, r.encrypt()), message);
    });
  }

  static void dingtalkRobotSign(JsonNode c) throws Exception {
    judge(c, () -> {
      DingTalk.RobotSign s = DingTalk.robotSign(str(c, "secret"), num(c.get("timestamp_ms")));
      eq("sign", s.sign(), str(c, "sign"));
      eq("sign_urlencoded", s.signUrlencoded(), str(c, "sign_urlencoded"));
    });
  }

  static void feishuBotSign(JsonNode c) throws Exception {
    judge(c, () -> eq("sign", Feishu.botSign(str(c, "secret"), num(c.get("timestamp"))), str(c, "sign")));
  }

  static void feishuDecrypt(JsonNode c) throws Exception {
    judge(c, () -> eq("plaintext", Feishu.decrypt(str(c, "encrypt_key"), str(c, "encrypt")), str(c, "plaintext")));
  }

  static void feishuEventSignature(JsonNode c) throws Exception {
    String ts = str(c, "timestamp");
    String nonce = str(c, "nonce");
    String key = str(c, "encrypt_key");
    byte[] body = utf8(str(c, "body"));
    judge(c, () -> eq("signature", Feishu.eventSignature(ts, nonce, key, body), str(c, "signature")));
    String received = c.hasNonNull("signature") ? str(c, "signature") : "received";
    judge(c, () -> Feishu.verifyEventSignature(ts, nonce, key, body, received));
    if (c.hasNonNull("signature")) {
      byte[] changed = utf8(str(c, "body") + " ");
      eq("a changed body is refused", kindOf(() -> Feishu.verifyEventSignature(ts, nonce, key, changed,
          str(c, "signature"))), "signature_mismatch");
    }
  }

  static void yonyouSignature(JsonNode c) throws Exception {
    judge(c, () -> {
      Yonyou.Signature s = Yonyou.signature(str(c, "app_key"), str(c, "app_secret"), num(c.get("timestamp_ms")));
      eq("signature", s.signature(), str(c, "signature"));
      eq("signature_urlencoded", s.signatureUrlencoded(), str(c, "signature_urlencoded"));
    });
  }

  static void yonyouTokenRequest(JsonNode c) throws Exception {
    request(c, () -> Yonyou.tokenRequest(str(c, "token_url"), str(c, "app_key"), str(c, "app_secret"),
        num(c.get("timestamp_ms"))));
  }

  static void yonyouTokenAnswer(JsonNode c) throws Exception {
    answer(c, body -> Yonyou.parseTokenAnswer(body, num(c.get("received_at_ms"))), (t, w) -> {
      eq("access_token", t.accessToken(), str(w, "access_token"));
      eq("expire_s", t.expireS(), num(w.get("expire_s")));
      eq("message", t.message(), str(w, "message"));
      eq("expires_at_ms", t.lifetime().expiresAtMs(), num(w.get("expires_at_ms")));
    });
  }

  static final Map<String, Runner> RUNNERS = new HashMap<>();

  static {
    RUNNERS.put("app_signature", VectorsTest::appSignature);
    RUNNERS.put("request", VectorsTest::request);
    RUNNERS.put("verify_request", VectorsTest::verifyRequest);
    RUNNERS.put("sign", VectorsTest::weaverSign);
    RUNNERS.put("verify_sign", VectorsTest::verifySign);
    RUNNERS.put("basic_encode", VectorsTest::basicEncode);
    RUNNERS.put("basic_decode", VectorsTest::basicDecode);
    RUNNERS.put("kingdee_token_request", VectorsTest::kingdeeTokenRequest);
    RUNNERS.put("kingdee_token_answer", VectorsTest::kingdeeTokenAnswer);
    RUNNERS.put("weaver_token_request", VectorsTest::weaverTokenRequest);
    RUNNERS.put("weaver_token_answer", VectorsTest::weaverTokenAnswer);
    RUNNERS.put("apusic_session_request", VectorsTest::apusicSessionRequest);
    RUNNERS.put("apusic_session_answer", VectorsTest::apusicSessionAnswer);
    RUNNERS.put("apusic_call_headers", VectorsTest::apusicCallHeaders);
    RUNNERS.put("oauth_authorize_url", VectorsTest::oauthAuthorizeUrl);
    RUNNERS.put("oauth_token_request", VectorsTest::oauthTokenRequest);
    RUNNERS.put("oauth_token_answer", VectorsTest::oauthTokenAnswer);
    RUNNERS.put("oauth_userinfo_request", VectorsTest::oauthUserinfoRequest);
    RUNNERS.put("oauth_userinfo_answer", VectorsTest::oauthUserinfoAnswer);
    RUNNERS.put("oauth_callback", VectorsTest::oauthCallback);
    RUNNERS.put("edge_login_request", VectorsTest::edgeLoginRequest);
    RUNNERS.put("edge_refresh_request", VectorsTest::edgeRefreshRequest);
    RUNNERS.put("edge_token_answer", VectorsTest::edgeTokenAnswer);
    RUNNERS.put("edge_x_token", VectorsTest::edgeXToken);
    RUNNERS.put("edge_jwt", VectorsTest::edgeJwt);
    RUNNERS.put("token_lifetime", VectorsTest::tokenLifetime);
    RUNNERS.put("kingdee_doctor", DoctorVectors::kingdee);
    RUNNERS.put("kingdee_doctor_pasted", DoctorVectors::kingdeePasted);
    RUNNERS.put("weaver_doctor", DoctorVectors::weaver);
    RUNNERS.put("wecom_signature", VectorsTest::wecomSignature);
    RUNNERS.put("wecom_decrypt", VectorsTest::wecomDecrypt);
    RUNNERS.put("wecom_encrypt", VectorsTest::wecomEncrypt);
    RUNNERS.put("dingtalk_robot_sign", VectorsTest::dingtalkRobotSign);
    RUNNERS.put("feishu_bot_sign", VectorsTest::feishuBotSign);
    RUNNERS.put("feishu_decrypt", VectorsTest::feishuDecrypt);
    RUNNERS.put("feishu_event_signature", VectorsTest::feishuEventSignature);
    RUNNERS.put("yonyou_signature", VectorsTest::yonyouSignature);
    RUNNERS.put("yonyou_token_request", VectorsTest::yonyouTokenRequest);
    RUNNERS.put("yonyou_token_answer", VectorsTest::yonyouTokenAnswer);
    RUNNERS.put("k3cloud_gateway_secret", K3CloudEcologyVectors::gatewaySecret);
    RUNNERS.put("k3cloud_sign", K3CloudEcologyVectors::sign);
    RUNNERS.put("k3cloud_login_sign", K3CloudEcologyVectors::loginSign);
    RUNNERS.put("k3cloud_login_by_sign_request", K3CloudEcologyVectors::loginBySignRequest);
    RUNNERS.put("k3cloud_login_by_app_secret_request", K3CloudEcologyVectors::loginByAppSecretRequest);
    RUNNERS.put("k3cloud_login_answer", K3CloudEcologyVectors::loginAnswer);
    RUNNERS.put("ecology_server_key", K3CloudEcologyVectors::serverKey);
    RUNNERS.put("ecology_encrypt", K3CloudEcologyVectors::encrypt);
    RUNNERS.put("ecology_regist_request", K3CloudEcologyVectors::registRequest);
    RUNNERS.put("ecology_regist_answer", K3CloudEcologyVectors::registAnswer);
    RUNNERS.put("ecology_token_request", K3CloudEcologyVectors::tokenRequest);
    RUNNERS.put("ecology_token_answer", K3CloudEcologyVectors::tokenAnswer);
    RUNNERS.put("ecology_call_headers", K3CloudEcologyVectors::callHeaders);
  }

  /** The case lists of a vector file: its fields whose value is an array. */
  static Map<String, JsonNode> sections(JsonNode doc) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> f : doc.properties()) {
      if (f.getValue().isArray()) {
        out.put(f.getKey(), f.getValue());
      }
    }
    return out;
  }

  @TestFactory
  List<DynamicNode> everyVectorCase() throws Exception {
    List<DynamicNode> files = new ArrayList<>();
    for (Path file : Repo.vectorFiles()) {
      String name = file.getFileName().toString();
      List<DynamicNode> cases = new ArrayList<>();
      for (Map.Entry<String, JsonNode> section : sections(Repo.json(file)).entrySet()) {
        Runner run = RUNNERS.get(section.getKey());
        for (JsonNode c : section.getValue()) {
          String where = name + " [" + section.getKey() + "] case " + c.get("id");
          cases.add(DynamicTest.dynamicTest(where, () -> {
            if (run == null) {
              throw new AssertionError("no runner for section " + section.getKey());
            }
            try {
              run.run(c);
            } catch (AssertionError | Exception e) {
              throw new AssertionError(where + ": " + e.getMessage() + "\n  " + c, e);
            }
          }));
        }
      }
      files.add(DynamicContainer.dynamicContainer(name, cases));
    }
    return files;
  }

  @Test
  void everyFileCountsItsCasesAndTheSuiteIsComplete() throws Exception {
    int total = 0;
    Set<String> unseen = new TreeSet<>(RUNNERS.keySet());
    for (Path file : Repo.vectorFiles()) {
      JsonNode doc = Repo.json(file);
      int inFile = 0;
      for (Map.Entry<String, JsonNode> section : sections(doc).entrySet()) {
        assertTrue(RUNNERS.containsKey(section.getKey()), file + ": no runner for " + section.getKey());
        unseen.remove(section.getKey());
        inFile += section.getValue().size();
      }
      assertEquals(num(doc.get("numberOfTests")), inFile, file + ": numberOfTests");
      total += inFile;
    }
    // Every runner has its section in some file (a file gone missing would otherwise go unseen).
    assertEquals(new TreeSet<String>(), unseen, "runners whose section no vector file has");
    assertTrue(total >= 770, "only " + total + " vector cases");
  }
}
