package io.github.qianming;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The signature doctor (docs/spec/doctor.md): given what a client sent and the secret, it
 * recomputes the signature under each known client mistake and names the one that reproduces
 * what was sent, as a stable verdict name (e.g. {@code valid}, {@code query_encoded_once},
 * {@code md5_lowercase}, {@code unexplained}) with explanations in English and Chinese. A report
 * never holds the signature, HMAC or MD5 the request should carry: it is safe to log and to show
 * the client. The doctor changes no state; a verifier passed to it is only read.
 */
public final class Doctor {
  private Doctor() {}

  /** What both doctors report. */
  public abstract static class Report {
    private final int verdictCode;
    private final String verdict;
    private final String explanation;
    private final String explanationZh;
    private final List<String> mistakes;
    private final long nowMs;
    private final long windowMs;

    Report(Scratch s, byte[] out, int nowWord) {
      this.verdictCode = s.partsInt(0);
      this.verdict = s.viewAt(out, 1);
      this.explanation = s.viewAt(out, 3);
      this.explanationZh = s.viewAt(out, 5);
      String joined = s.viewAt(out, 7);
      this.mistakes = joined.isEmpty() ? Collections.<String>emptyList()
          : Collections.unmodifiableList(Arrays.asList(joined.split(",")));
      this.nowMs = s.words[nowWord];
      this.windowMs = s.words[nowWord + 1];
    }

    /** @return the verdict's stable numeric code (docs/spec/doctor.md#verdicts) */
    public int verdictCode() {
      return verdictCode;
    }

    /** @return the verdict's stable name, e.g. {@code valid}, {@code expired}, {@code unexplained} */
    public String verdict() {
      return verdict;
    }

    /** @return what the verdict means and what to do, in English */
    public String explanation() {
      return explanation;
    }

    /** @return what the verdict means and what to do, in Chinese */
    public String explanationZh() {
      return explanationZh;
    }

    /**
     * @return every mistake found, by name, the verdict's first (a time mistake last); empty when
     *     {@code valid}
     */
    public List<String> mistakes() {
      return mistakes;
    }

    /** @return the time the request was judged at */
    public long nowMs() {
      return nowMs;
    }

    /** @return the window the timestamp had to be in, either way */
    public long windowMs() {
      return windowMs;
    }

    @Override
    public String toString() {
      return Show.of(getClass().getSimpleName(), "verdict", verdict, "mistakes", mistakes);
    }
  }

  /** What the Kingdee doctor found. */
  public static final class KingdeeReport extends Report {
    private final String clientId;
    private final String nonce;
    private final long timestampMs;
    private final long timeDifferenceMs;
    private final Kingdee.Rebuilt rebuilt;
    private final String clientStringToSign;

    // qm_kingdee_doctor_report: u32 code, 6 qm_str (words 1-12), u64 timestamp, now, window,
    // i64 difference (words 13-16), 5 qm_str (words 17-26).
    KingdeeReport(Scratch s, byte[] out) {
      super(s, out, 14);
      this.clientId = s.viewAt(out, 9);
      this.nonce = s.viewAt(out, 11);
      this.timestampMs = s.words[13];
      this.timeDifferenceMs = s.words[16];
      this.rebuilt = new Kingdee.Rebuilt(s, out, 17);
      this.clientStringToSign = s.optViewAt(out, 25);
    }

    /** @return {@code X-Api-ClientID} as received */
    public String clientId() {
      return clientId;
    }

    /** @return {@code X-Api-Nonce} as received */
    public String nonce() {
      return nonce;
    }

    /** @return {@code X-Api-TimeStamp} as a number */
    public long timestampMs() {
      return timestampMs;
    }

    /**
     * @return {@code nowMs − timestampMs} (positive: in the past); for {@code
     *     timestamp_in_seconds}, {@code nowMs − timestamp × 1000}
     */
    public long timeDifferenceMs() {
      return timeDifferenceMs;
    }

    /** @return the canonical path the gateway builds */
    public String canonicalPath() {
      return rebuilt.canonicalPath();
    }

    /** @return the canonical query the gateway builds */
    public String canonicalQuery() {
      return rebuilt.canonicalQuery();
    }

    /** @return the signed header names in signing order, joined by {@code ,} */
    public String signedHeaders() {
      return rebuilt.signedHeaders();
    }

    /** @return the string to sign the gateway builds (no secret in it) */
    public String stringToSign() {
      return rebuilt.stringToSign();
    }

    /** @return the string to sign the client used when reproduced; null when {@code unexplained} */
    public String clientStringToSign() {
      return clientStringToSign;
    }
  }

  /** What the Weaver doctor found. */
  public static final class WeaverReport extends Report {
    private final Long timestampMs;
    private final Long timeDifferenceMs;
    private final String plaintextLayout;
    private final String clientRecipe;

    // qm_weaver_doctor_report: u32 code, 4 qm_str (words 1-8), u64 now, window (9-10), bool
    // has_timestamp (byte 88), u64 timestamp, i64 difference (12-13), 2 qm_str (14-17).
    WeaverReport(Scratch s, byte[] out) {
      super(s, out, 9);
      boolean decrypted = s.partsByte(88) != 0;
      this.timestampMs = decrypted ? Long.valueOf(s.words[12]) : null;
      this.timeDifferenceMs = decrypted ? Long.valueOf(s.words[13]) : null;
      this.plaintextLayout = s.optViewAt(out, 14);
      this.clientRecipe = s.optViewAt(out, 16);
    }

    /** @return the timestamp inside the sign; null when it did not decrypt to {@code <digits>_<32 hex>} */
    public Long timestampMs() {
      return timestampMs;
    }

    /** @return {@code nowMs − timestampMs} (positive: in the past); null as {@link #timestampMs} */
    public Long timeDifferenceMs() {
      return timeDifferenceMs;
    }

    /** @return the shape of the decrypted sign without its digits; null when it did not decrypt */
    public String plaintextLayout() {
      return plaintextLayout;
    }

    /** @return how the client made the sign, as a formula of names; null when not reproduced */
    public String clientRecipe() {
      return clientRecipe;
    }
  }

  /** A request read from pasted text, and the Kingdee doctor's report on it. */
  public static final class Pasted {
    private final String method;
    private final String target;
    private final String path;
    private final String body;
    private final KingdeeReport report;

    // qm_pasted_request: method, target, path, body (qm_str each).
    Pasted(Scratch s, byte[] out, ByteBuffer st) {
      this.method = s.str(out, st, 0);
      this.target = s.str(out, st, 16);
      this.path = s.str(out, st, 32);
      this.body = s.optStr(out, st, 48);
      this.report = new KingdeeReport(s, out);
    }

    /** @return the method as written */
    public String method() {
      return method;
    }

    /** @return the request target as it travels (path and query, percent-encoded) */
    public String target() {
      return target;
    }

    /** @return the path, decoded as the gateway decodes it */
    public String path() {
      return path;
    }

    /** @return the body; null when there is none */
    public String body() {
      return body;
    }

    /** @return the doctor's report on the request */
    public KingdeeReport report() {
      return report;
    }
  }

  /**
   * The Kingdee doctor on a received request, judged with the gateway's five-minute window and
   * no replay guard.
   *
   * @see #kingdee(String, String, String, List, List, Kingdee.Verifier, long, long)
   * @param clientSecret the client's secret
   * @param method the received method
   * @param path the received path, decoded
   * @param query the received query pairs, decoded; null for none
   * @param headers the received headers, any case; null for none
   * @param nowMs the time to judge at, ms since the epoch
   * @return the report, whatever its verdict
   */
  public static KingdeeReport kingdee(String clientSecret, String method, String path, List<Pair> query,
      List<Pair> headers, long nowMs) {
    return kingdee(clientSecret, method, path, query, headers, null, nowMs, Kingdee.DEFAULT_WINDOW_MS);
  }

  /**
   * The Kingdee doctor: recomputes a received request's {@code X-Api-Signature} under each known
   * client mistake and names the one that reproduces it.
   *
   * @param clientSecret the client's secret
   * @param method the received method
   * @param path the received path, decoded
   * @param query the received query pairs, decoded; null for none
   * @param headers the received headers, any case; null for none
   * @param seenBy null, or a verifier whose replay guard is read (a request it accepted is
   *     {@code replayed})
   * @param nowMs the time to judge at, ms since the epoch
   * @param windowMs the window either way ({@link Kingdee#DEFAULT_WINDOW_MS})
   * @return the report, whatever its verdict
   * @throws QianmingException when the request is too malformed to diagnose (e.g. {@code
   *     missing_header}, {@code empty_secret})
   */
  public static KingdeeReport kingdee(String clientSecret, String method, String path, List<Pair> query,
      List<Pair> headers, Kingdee.Verifier seenBy, final long nowMs, final long windowMs) {
    final Scratch s = Scratch.get();
    byte[] out = Kingdee.received(s, seenBy == null ? null : seenBy.handle, clientSecret, method, path, query,
        headers, (x, v, k, kl, m, ml, p, pl, q, qn, h, hn) -> NativeLib.qm_kingdee_doctor(k, kl, m, ml, p, pl, q,
            qn, h, hn, v, nowMs, windowMs, x.parts, x.outPtr(), x.outCap(), x.outLen));
    return new KingdeeReport(s, out);
  }

  /**
   * Reads a request as people have it (a {@code curl} command, a raw HTTP request, a HAR entry)
   * and runs the Kingdee doctor on it.
   *
   * @param clientSecret the client's secret
   * @param text the pasted request
   * @param format {@code curl}, {@code http}, {@code har}, or null (or {@code detect}) to decide
   *     from the text
   * @param seenBy null, or a verifier whose replay guard is read
   * @param nowMs the time to judge at, ms since the epoch
   * @param windowMs the window either way ({@link Kingdee#DEFAULT_WINDOW_MS})
   * @return the parsed request and the report
   * @throws QianmingException when the text cannot be read ({@code invalid_field}, {@code
   *     invalid_json}, …) or the request cannot be diagnosed
   */
  public static Pasted kingdeePasted(String clientSecret, String text, String format,
      Kingdee.Verifier seenBy, final long nowMs, final long windowMs) {
    final Scratch s = Scratch.get();
    final long k = s.text(clientSecret);
    final long t = s.text(text);
    final long f = s.optText(format);
    s.commit();
    byte[] out = NativeHandle.with(seenBy == null ? null : seenBy.handle, v -> Calls.run(s, x ->
        NativeLib.qm_kingdee_doctor_pasted(x.ptr(k), Scratch.len(k), x.ptr(t), Scratch.len(t), x.optPtr(f),
            Scratch.optLen(f), v, nowMs, windowMs, x.st(0), x.parts, x.outPtr(), x.outCap(), x.outLen)));
    return new Pasted(s, out, s.structs(64));
  }

  /**
   * The Weaver doctor with the server's five-minute window and no replay guard.
   *
   * @see #weaver(String, String, String, String, Weaver.Verifier, long, long)
   * @param appid the appid
   * @param secret the secret
   * @param aesKey the AES key
   * @param sign the received sign
   * @param nowMs the time to judge at, ms since the epoch
   * @return the report, whatever its verdict
   */
  public static WeaverReport weaver(String appid, String secret, String aesKey, String sign, long nowMs) {
    return weaver(appid, secret, aesKey, sign, null, nowMs, Kingdee.DEFAULT_WINDOW_MS);
  }

  /**
   * The Weaver doctor: decrypts and checks a received {@code sign} under each known client
   * mistake and names the one that reproduces it.
   *
   * @param appid the appid
   * @param secret the secret
   * @param aesKey the AES key: 16, 24 or 32 UTF-8 bytes
   * @param sign the received sign
   * @param seenBy null, or a verifier whose replay guard is read (a sign it accepted is {@code
   *     replayed})
   * @param nowMs the time to judge at, ms since the epoch
   * @param windowMs the window either way ({@link Weaver#DEFAULT_WINDOW_MS})
   * @return the report, whatever its verdict
   * @throws QianmingException e.g. {@code invalid_key_length}, {@code input_too_large}
   */
  public static WeaverReport weaver(String appid, String secret, String aesKey, String sign,
      Weaver.Verifier seenBy, final long nowMs, final long windowMs) {
    final Scratch s = Scratch.get();
    final long a = s.text(appid);
    final long b = s.text(secret);
    final long k = s.text(aesKey);
    final long g = s.text(Objects.requireNonNull(sign, "sign"));
    s.commit();
    byte[] out = NativeHandle.with(seenBy == null ? null : seenBy.handle, v -> Calls.run(s, x ->
        NativeLib.qm_weaver_doctor(x.ptr(a), Scratch.len(a), x.ptr(b), Scratch.len(b), x.ptr(k),
            Scratch.len(k), x.ptr(g), Scratch.len(g), v, nowMs, windowMs, x.parts, x.outPtr(), x.outCap(),
            x.outLen)));
    return new WeaverReport(s, out);
  }
}
