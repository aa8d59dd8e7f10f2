package io.github.qianming;

import static io.github.qianming.VectorsTest.eq;
import static io.github.qianming.VectorsTest.judge;
import static io.github.qianming.VectorsTest.num;
import static io.github.qianming.VectorsTest.optNum;
import static io.github.qianming.VectorsTest.pairs;
import static io.github.qianming.VectorsTest.str;
import static io.github.qianming.VectorsTest.strings;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The doctor's vector sections (vectors/kingdee_doctor.json, vectors/weaver_doctor.json). */
final class DoctorVectors {
  private DoctorVectors() {}

  static void sameVerdict(Doctor.Report r, JsonNode w) {
    eq("verdict", r.verdict(), str(w, "verdict"));
    eq("mistakes", r.mistakes(), strings(w.get("mistakes")));
    assertTrue(r.verdictCode() > 0 && !r.explanation().isEmpty() && !r.explanationZh().isEmpty()
        && !r.explanation().equals(r.explanationZh()), "explanations of " + r.verdict());
  }

  static void sameKingdee(Doctor.KingdeeReport r, JsonNode w) {
    sameVerdict(r, w);
    eq("string_to_sign", r.stringToSign(), str(w, "string_to_sign"));
    if (w.has("client_string_to_sign")) {
      eq("client_string_to_sign", r.clientStringToSign(), str(w, "client_string_to_sign"));
    }
    if (w.has("time_difference_ms")) {
      eq("time_difference_ms", r.timeDifferenceMs(), w.get("time_difference_ms").asLong());
    }
    eq("window_ms", r.windowMs(), Kingdee.DEFAULT_WINDOW_MS);
  }

  /** With a verifier for the secret that accepted the request first when `accepted_before`. */
  static void kingdee(JsonNode c) throws Exception {
    VectorsTest.Received q = new VectorsTest.Received(c);
    judge(c, () -> {
      Kingdee.Verifier seen = q.secret.isEmpty() ? null : new Kingdee.Verifier(q.secret, Kingdee.DEFAULT_WINDOW_MS);
      try {
        if (c.path("accepted_before").asBoolean()) {
          seen.verify(q.method, q.path, q.query, q.headers, q.now);
        }
        Doctor.KingdeeReport r = Doctor.kingdee(q.secret, q.method, q.path, q.query, q.headers, seen, q.now,
            Kingdee.DEFAULT_WINDOW_MS);
        sameKingdee(r, c.get("expected"));
        eq("now_ms", r.nowMs(), q.now);
      } finally {
        if (seen != null) {
          seen.close();
        }
      }
    });
  }

  /** The parsed query and headers are checked through the report's string to sign. */
  static void kingdeePasted(JsonNode c) throws Exception {
    judge(c, () -> {
      Doctor.Pasted p = Doctor.kingdeePasted(str(c, "client_secret"), str(c, "text"), str(c, "format"), null,
          num(c.get("now_ms")), Kingdee.DEFAULT_WINDOW_MS);
      JsonNode w = c.get("expected");
      eq("method", p.method(), str(w, "method"));
      eq("path", p.path(), str(w, "path"));
      eq("body", p.body(), str(w, "body"));
      assertTrue(p.target().startsWith("/"), p.target());
      sameKingdee(p.report(), w);
    });
  }

  static void weaver(JsonNode c) throws Exception {
    String appid = str(c, "appid");
    String secret = str(c, "secret");
    String key = str(c, "aes_key");
    String sign = str(c, "sign");
    long now = num(c.get("now_ms"));
    judge(c, () -> {
      try (Weaver.Verifier seen = new Weaver.Verifier(appid, secret, key, Weaver.DEFAULT_WINDOW_MS)) {
        if (c.path("accepted_before").asBoolean()) {
          seen.verify(sign, now);
        }
        Doctor.WeaverReport r = Doctor.weaver(appid, secret, key, sign, seen, now, Weaver.DEFAULT_WINDOW_MS);
        JsonNode w = c.get("expected");
        sameVerdict(r, w);
        eq("timestamp_ms", r.timestampMs(), optNum(w.get("timestamp_ms")));
        JsonNode diff = w.get("time_difference_ms");
        eq("time_difference_ms", r.timeDifferenceMs(), diff.isNull() ? null : Long.valueOf(diff.asLong()));
        eq("plaintext_layout present", r.plaintextLayout() != null, r.timestampMs() != null);
        eq("now_ms", r.nowMs(), now);
      }
    });
  }
}
