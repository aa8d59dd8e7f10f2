package io.github.qianming.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.qianming.Apusic;
import io.github.qianming.Basic;
import io.github.qianming.DingTalk;
import io.github.qianming.Ecology;
import io.github.qianming.Edge;
import io.github.qianming.Feishu;
import io.github.qianming.HttpRequest;
import io.github.qianming.K3Cloud;
import io.github.qianming.Kingdee;
import io.github.qianming.KingdeeToken;
import io.github.qianming.OAuth;
import io.github.qianming.Pair;
import io.github.qianming.QianmingException;
import io.github.qianming.WeCom;
import io.github.qianming.Weaver;
import io.github.qianming.WeaverToken;
import io.github.qianming.Yonyou;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java package's side of tests/differential (run by tests/differential/driver_java.sh):
 * reads the CLI's {@code --jsonl} input for one operation on stdin and writes what the CLI would
 * write (same field names), one line per line, through the public API only. Lives in the test
 * sources, so it is not part of the published jar. Usage: {@code DifferentialDriver OPERATION}.
 */
public final class DifferentialDriver {
  private DifferentialDriver() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One operation: a case in, the answer's fields out (or a QianmingException). */
  private interface Operation {
    void run(JsonNode c, ObjectNode out);
  }

  private static final Map<String, Operation> OPERATIONS = new HashMap<>();
  /** One verifier per credential set for the whole run, as the CLI keeps them (replays). */
  private static final Map<List<String>, Kingdee.Verifier> KINGDEE_VERIFIERS = new HashMap<>();
  private static final Map<List<String>, Weaver.Verifier> WEAVER_VERIFIERS = new HashMap<>();

  static {
    OPERATIONS.put("kingdee-sign", (c, out) -> {
      try (Kingdee.Signer signer = new Kingdee.Signer(text(c, "client_id"), text(c, "client_secret"))) {
        Kingdee.SignedRequest s = signer.sign(text(c, "method"), text(c, "path"), pairs(c.get("query")),
            pairs(c.get("sign_headers")), text(c, "timestamp"), text(c, "nonce"));
        out.put("canonical_path", s.canonicalPath()).put("canonical_query", s.canonicalQuery())
            .put("hmac_hex", s.hmacHex()).put("signature", s.signature()).put("string_to_sign", s.stringToSign())
            .put("wire_query", s.wireQuery());
        ObjectNode headers = out.putObject("headers");
        for (Pair h : s.headers()) {
          headers.put(h.name(), h.value());
        }
        ArrayNode signed = out.putArray("signed_headers");
        for (String name : s.signedHeaders()) {
          signed.add(name);
        }
      }
    });
    OPERATIONS.put("kingdee-app-signature", (c, out) -> {
      Kingdee.AppSignature a = Kingdee.explainAppSignature(text(c, "app_key"), text(c, "app_secret"));
      out.put("app_signature", a.appSignature()).put("hmac_hex", a.hmacHex());
    });
    OPERATIONS.put("weaver-sign", (c, out) -> {
      Weaver.Explanation e = Weaver.explain(text(c, "appid"), text(c, "secret"), text(c, "aes_key"),
          c.get("timestamp_ms").asLong());
      out.put("md5_upper", e.md5Upper()).put("plaintext", e.plaintext()).put("sign", e.sign());
    });
    OPERATIONS.put("basic-encode", (c, out) -> {
      String user = text(c, "user");
      String password = text(c, "password");
      out.put("authorization", Basic.authorizationHeader(user, password))
          .put("authorization_raw", Basic.authorizationHeaderRaw(user, password))
          .put("credentials", Basic.credentials(user, password));
    });
    OPERATIONS.put("basic-decode", (c, out) -> {
      Basic.Credentials b = Basic.parseAuthorization(text(c, "authorization"));
      out.put("password", b.password()).put("user", b.user());
    });
    OPERATIONS.put("kingdee-token-answer", (c, out) -> {
      KingdeeToken.AppToken t = KingdeeToken.parseTokenAnswer(body(c), c.get("received_at_ms").asLong());
      out.put("app_token", t.appToken()).put("description", t.description()).put("uid", t.uid());
      out.set("expires_at_ms", u64(t.lifetime().expiresAtMs()));
    });
    OPERATIONS.put("weaver-token-answer", (c, out) -> {
      WeaverToken.Token t = WeaverToken.parseTokenAnswer(body(c), c.get("received_at_ms").asLong());
      out.put("batchkey", t.batchkey()).put("msg", t.msg()).put("token", t.token());
      out.set("expires_at_ms", u64(t.lifetime().expiresAtMs()));
    });
    OPERATIONS.put("kingdee-verify", (c, out) -> {
      String secret = text(c, "client_secret");
      String window = c.has("window_ms") ? c.get("window_ms").asText() : null;
      List<String> set = Arrays.asList(secret, window);
      Kingdee.Verifier verifier = KINGDEE_VERIFIERS.get(set);
      if (verifier == null) {
        verifier = new Kingdee.Verifier(secret, window == null ? Kingdee.DEFAULT_WINDOW_MS : Long.parseLong(window));
        KINGDEE_VERIFIERS.put(set, verifier);
      }
      Kingdee.Verified v = verifier.verify(text(c, "method"), text(c, "path"), pairs(c.get("query")),
          pairs(c.get("headers")), c.get("now_ms").asLong());
      out.put("client_id", v.clientId()).put("nonce", v.nonce());
      out.set("timestamp_ms", u64(v.timestampMs()));
    });
    OPERATIONS.put("weaver-verify", (c, out) -> {
      String window = c.has("window_ms") ? c.get("window_ms").asText() : null;
      List<String> set = Arrays.asList(text(c, "appid"), text(c, "secret"), text(c, "aes_key"), window);
      Weaver.Verifier verifier = WEAVER_VERIFIERS.get(set);
      if (verifier == null) {
        verifier = new Weaver.Verifier(set.get(0), set.get(1), set.get(2),
            window == null ? Weaver.DEFAULT_WINDOW_MS : Long.parseLong(window));
        WEAVER_VERIFIERS.put(set, verifier);
      }
      out.set("timestamp_ms", u64(verifier.verify(text(c, "sign"), c.get("now_ms").asLong())));
    });
    OPERATIONS.put("edge-token-answer", (c, out) -> {
      Edge.Token t = Edge.parseTokenAnswer(body(c));
      out.put("access_token", t.accessToken()).put("code", t.code()).put("refresh_token", t.refreshToken());
      out.set("expire", u64(t.expire()));
      out.set("t", u64(t.t()));
      out.set("expires_at_ms", u64(t.lifetime().expiresAtMs()));
      out.set("refresh_expires_at_ms", u64(t.lifetime().refreshExpiresAtMs()));
    });
    OPERATIONS.put("edge-jwt", (c, out) -> {
      Edge.JwtClaims claims = Edge.readJwtClaims(text(c, "jwt"));
      out.set("exp", u64(claims.exp()));
      out.set("iat", u64(claims.iat()));
      out.set("nbf", u64(claims.nbf()));
      out.put("iss", claims.iss()).put("payload_json", claims.payloadJson());
    });
    OPERATIONS.put("oauth-token-answer", (c, out) -> {
      OAuth.AccessToken t = OAuth.parseTokenAnswer(body(c));
      out.put("access_token", t.accessToken());
      out.set("expires", u64(t.expires()));
    });
    OPERATIONS.put("oauth-userinfo-answer", (c, out) -> {
      OAuth.UserInfo u = OAuth.parseUserinfoAnswer(body(c));
      ArrayNode attributes = out.putArray("attributes");
      for (Pair a : u.attributes()) {
        attributes.addArray().add(a.name()).add(a.value());
      }
      out.put("id", u.id());
    });
    OPERATIONS.put("apusic-session-answer", (c, out) -> {
      Apusic.SessionToken t = Apusic.parseSessionAnswer(body(c));
      out.put("message", t.message()).put("token", t.token());
    });
    OPERATIONS.put("wecom-signature", (c, out) -> out.put("signature",
        WeCom.msgSignature(text(c, "token"), text(c, "timestamp"), text(c, "nonce"), text(c, "encrypt"))));
    OPERATIONS.put("wecom-decrypt", (c, out) -> out.put("message",
        WeCom.decrypt(text(c, "encoding_aes_key"), text(c, "receive_id"), text(c, "encrypt"))));
    OPERATIONS.put("wecom-encrypt", (c, out) -> {
      WeCom.EncryptedReply r = WeCom.encryptReply(text(c, "encoding_aes_key"), text(c, "receive_id"),
          text(c, "message"), randomBytes(text(c, "random_hex")), text(c, "token"), text(c, "timestamp"),
          text(c, "nonce"));
      out.put("encrypt", r.encrypt()).put("signature", r.signature());
    });
    OPERATIONS.put("dingtalk-robot-sign", (c, out) -> {
      DingTalk.RobotSign s = DingTalk.robotSign(text(c, "secret"), u64Field(c, "timestamp_ms"));
      out.put("sign", s.sign()).put("sign_urlencoded", s.signUrlencoded());
    });
    OPERATIONS.put("feishu-bot-sign", (c, out) -> out.put("sign",
        Feishu.botSign(text(c, "secret"), u64Field(c, "timestamp"))));
    OPERATIONS.put("feishu-decrypt", (c, out) -> out.put("plaintext",
        Feishu.decrypt(text(c, "encrypt_key"), text(c, "encrypt"))));
    OPERATIONS.put("feishu-event-signature", (c, out) -> {
      // As the CLI: a received signature given is checked first.
      if (c.hasNonNull("signature")) {
        Feishu.verifyEventSignature(text(c, "timestamp"), text(c, "nonce"), text(c, "encrypt_key"), body(c),
            text(c, "signature"));
      }
      out.put("signature", Feishu.eventSignature(text(c, "timestamp"), text(c, "nonce"), text(c, "encrypt_key"),
          body(c)));
    });
    OPERATIONS.put("yonyou-signature", (c, out) -> {
      Yonyou.Signature s = Yonyou.signature(text(c, "app_key"), text(c, "app_secret"),
          u64Field(c, "timestamp_ms"));
      out.put("signature", s.signature()).put("signature_urlencoded", s.signatureUrlencoded());
    });
    OPERATIONS.put("yonyou-token-request", (c, out) -> {
      long ts = u64Field(c, "timestamp_ms");
      // The CLI defaults token_url to the core's DEFAULT_TOKEN_URL, which the C ABI (and so Java)
      // cannot read yet: the cases must give it.
      HttpRequest r = Yonyou.tokenRequest(text(c, "token_url"), text(c, "app_key"), text(c, "app_secret"), ts);
      out.put("method", r.method()).put("url", r.url());
      ArrayNode headers = out.putArray("headers");
      for (Pair h : r.headers()) {
        headers.addArray().add(h.name()).add(h.value());
      }
      out.put("body", r.body());
    });
    OPERATIONS.put("yonyou-token-answer", (c, out) -> {
      Yonyou.Token t = Yonyou.parseTokenAnswer(body(c), u64Field(c, "received_at_ms"));
      out.put("access_token", t.accessToken()).put("message", t.message());
      out.set("expire_s", u64(t.expireS()));
      out.set("expires_at_ms", u64(t.lifetime().expiresAtMs()));
    });
    // K3Cloud: the cases always carry timestamp_unit, body and hash; lcid and org_num may be
    // left out (libqianming's defaults, as the CLI's).
    OPERATIONS.put("k3cloud-gateway-secret", (c, out) -> {
      K3Cloud.GatewayCredentials g = K3Cloud.gatewayCredentials(text(c, "app_id"));
      out.put("client_id", g.clientId()).put("gateway_secret", g.gatewaySecret());
    });
    OPERATIONS.put("k3cloud-sign", (c, out) -> {
      int lcid = lcid(c);
      String org = c.has("org_num") ? text(c, "org_num") : null;
      long ts = u64Field(c, "timestamp_ms");
      String[] id = identity(c);
      K3Cloud.SignedHeaders s = K3Cloud.sign(id[0], id[1], id[2], id[3], lcid, org, text(c, "url"),
          text(c, "timestamp_unit"), ts);
      requestFields(K3Cloud.request(id[0], id[1], id[2], id[3], lcid, org, text(c, "url"), text(c, "body"),
          text(c, "timestamp_unit"), ts), out);
      out.put("string_to_sign", s.stringToSign()).put("app_data", s.appData()).put("timestamp", s.timestamp());
    });
    OPERATIONS.put("k3cloud-login-sign", (c, out) -> {
      String[] id = identity(c);
      out.put("sign", K3Cloud.loginSign(id[0], id[1], id[2], id[3], u64Field(c, "timestamp_s"), text(c, "hash")));
    });
    OPERATIONS.put("k3cloud-login-request", (c, out) -> {
      int lcid = lcid(c);
      long ts = u64Field(c, "timestamp_s");
      String[] id = identity(c);
      requestFields(K3Cloud.loginBySignRequest(text(c, "server_url"), id[0], id[1], id[2], id[3], lcid, ts,
          text(c, "hash")), out);
    });
    OPERATIONS.put("k3cloud-app-secret-login-request", (c, out) -> {
      int lcid = lcid(c);
      String[] id = identity(c);
      requestFields(K3Cloud.loginByAppSecretRequest(text(c, "server_url"), id[0], id[1], id[2], id[3], lcid), out);
    });
    OPERATIONS.put("k3cloud-login-answer", (c, out) -> {
      K3Cloud.Session s = K3Cloud.parseLoginAnswer(body(c));
      out.put("session_id", s.sessionId()).put("message", s.message()).put("is_success_by_api", s.isSuccessByApi());
    });
    // e-cology: the cases always carry seed_hex; time_s and lifetime_s may be left out.
    OPERATIONS.put("ecology-server-key", (c, out) -> {
      Ecology.ServerKey k = Ecology.serverKey(text(c, "spk"));
      out.put("bits", k.bits()).put("max_plaintext_len", k.maxPlaintextLen());
    });
    OPERATIONS.put("ecology-encrypt", (c, out) -> out.put("ciphertext",
        Ecology.encrypt(text(c, "spk"), text(c, "plaintext"), randomBytes(text(c, "seed_hex")))));
    OPERATIONS.put("ecology-regist-request", (c, out) -> requestFields(Ecology.registRequest(text(c, "base_url"),
        text(c, "appid"), text(c, "cpk")), out));
    OPERATIONS.put("ecology-regist-answer", (c, out) -> {
      Ecology.Registration r = Ecology.parseRegistAnswer(body(c));
      out.put("secrit", r.secrit()).put("spk", r.spk()).put("message", r.message());
    });
    OPERATIONS.put("ecology-token-request", (c, out) -> {
      Long time = c.has("time_s") ? Long.valueOf(u64Field(c, "time_s")) : null;
      requestFields(Ecology.applytokenRequest(text(c, "base_url"), text(c, "appid"), text(c, "spk"),
          text(c, "secrit"), randomBytes(text(c, "seed_hex")), time), out);
    });
    OPERATIONS.put("ecology-token-answer", (c, out) -> {
      long received = u64Field(c, "received_at_ms");
      Ecology.Token t = c.has("lifetime_s")
          ? Ecology.parseTokenAnswer(body(c), received, u64Field(c, "lifetime_s"))
          : Ecology.parseTokenAnswer(body(c), received);
      out.put("token", t.token()).put("message", t.message());
      out.set("expires_at_ms", u64(t.lifetime().expiresAtMs()));
    });
    OPERATIONS.put("ecology-call-headers", (c, out) -> {
      List<Pair> headers = Ecology.callHeaders(text(c, "appid"), text(c, "token"), text(c, "spk"),
          text(c, "userid"), randomBytes(text(c, "seed_hex")));
      ArrayNode list = out.putArray("headers");
      for (Pair h : headers) {
        list.addArray().add(h.name()).add(h.value());
      }
    });
  }

  /** A line the CLI refuses before any operation runs (its --jsonl field rules). */
  private static final class LineError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String kind;

    LineError(String kind, String message) {
      super(message);
      this.kind = kind;
    }
  }

  private static final BigInteger U64_END = BigInteger.ONE.shiftLeft(64);

  /** A u64 field as the CLI reads it (its bits in a long), refused as the CLI refuses it. */
  private static long u64Field(JsonNode c, String field) {
    JsonNode n = c.get(field);
    if (n == null) {
      throw new LineError("missing_field", "field " + field + " is missing");
    }
    if (!n.isIntegralNumber() || n.bigIntegerValue().signum() < 0 || n.bigIntegerValue().compareTo(U64_END) >= 0) {
      throw new LineError("invalid_field", "field " + field + " must be a non-negative integer");
    }
    return n.bigIntegerValue().longValue();
  }

  /** A K3Cloud line's account id, user name, AppID and AppSecret. */
  private static String[] identity(JsonNode c) {
    return new String[] {text(c, "acct_id"), text(c, "user_name"), text(c, "app_id"), text(c, "app_secret")};
  }

  /** A K3Cloud line's lcid as the CLI reads it (a u32; left out: the default). */
  private static int lcid(JsonNode c) {
    if (!c.has("lcid")) {
      return K3Cloud.DEFAULT_LCID;
    }
    long lcid = u64Field(c, "lcid");
    if (lcid < 0 || lcid > 0xFFFFFFFFL) {
      throw new LineError("invalid_field", "field lcid must fit in 32 bits");
    }
    return (int) lcid;
  }

  /** A request as the CLI's --jsonl writes one: method, url, headers ([name, value] pairs), body. */
  private static void requestFields(HttpRequest r, ObjectNode out) {
    out.put("method", r.method()).put("url", r.url());
    ArrayNode headers = out.putArray("headers");
    for (Pair h : r.headers()) {
      headers.addArray().add(h.name()).add(h.value());
    }
    out.put("body", r.body());
  }

  private static String text(JsonNode c, String field) {
    return c.get(field).asText();
  }

  /** [[name, value], …] as pairs; a JSON null value stays null (a header named without one). */
  private static List<Pair> pairs(JsonNode array) {
    List<Pair> out = new ArrayList<>();
    for (JsonNode p : array) {
      out.add(Pair.of(p.get(0).asText(), p.get(1).isNull() ? null : p.get(1).asText()));
    }
    return out;
  }

  private static byte[] body(JsonNode c) {
    if (!c.has("body_hex")) {
      return text(c, "body").getBytes(StandardCharsets.UTF_8);
    }
    return hex(text(c, "body_hex"));
  }

  /**
   * The CLI's random_hex (and seed_hex) as the bytes Java takes, as the C and Node drivers read
   * it: text that is not hex becomes no bytes, which the core refuses as invalid_field (the CLI's
   * kind; its detail speaks of hex digits, libqianming's of the byte count).
   */
  private static byte[] randomBytes(String hex) {
    return hex.length() % 2 == 0 && hex.matches("[0-9a-fA-F]*") ? hex(hex) : new byte[0];
  }

  /** Hex digits as bytes. */
  private static byte[] hex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** An unsigned 64-bit value as a JSON number (null stays null). */
  private static JsonNode u64(Long value) {
    return value == null ? JSON.nullNode() : JSON.getNodeFactory().numberNode(new BigInteger(Long.toUnsignedString(value)));
  }

  public static void main(String[] args) throws Exception {
    Operation operation = OPERATIONS.get(args[0]);
    if (operation == null) {
      throw new IllegalArgumentException("unknown operation " + args[0] + "; known: " + OPERATIONS.keySet());
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.isEmpty()) {
        continue;
      }
      ObjectNode result = JSON.createObjectNode();
      try {
        ObjectNode fields = JSON.createObjectNode();
        operation.run(JSON.readTree(line), fields);
        result.put("ok", true).setAll(fields);
      } catch (LineError e) {
        result.put("ok", false).putObject("error").put("kind", e.kind).put("message", e.getMessage());
      } catch (QianmingException e) {
        result.put("ok", false).putObject("error").put("kind", e.kind()).put("message", e.detail());
        if (e.refusal() != null) {
          result.putObject("refusal").put("batchkey", e.refusal().batchkey()).put("code", e.refusal().code())
              .put("message", e.refusal().message());
        }
      }
      out.write(JSON.writeValueAsString(result));
      out.write('\n');
    }
    out.flush();
  }
}
