package io.github.qianming;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Kingdee (金蝶) API gateway: {@code app_signature}, request signing ({@link Signer}) and
 * server-side verification ({@link #verify}).
 */
public final class Kingdee {
  private Kingdee() {}

  /** The gateway's validity window, in milliseconds (five minutes), read from libqianming. */
  public static final long DEFAULT_WINDOW_MS = NativeLib.qm_default_window_ms();

  /** How many live requests a {@link Verifier}'s replay guard holds by default, read from libqianming. */
  public static final long DEFAULT_REPLAY_CAPACITY = NativeLib.qm_kingdee_default_replay_capacity();

  private static final SecureRandom RANDOM = new SecureRandom();

  /** {@code app_signature} with the HMAC hex it is made of. */
  public static final class AppSignature {
    private final String hmacHex;
    private final String appSignature;

    AppSignature(String hmacHex, String appSignature) {
      this.hmacHex = hmacHex;
      this.appSignature = appSignature;
    }

    /**
     * The HMAC as hex.
     *
     * @return lowercase hex of HMAC-SHA256(app secret, app key): 64 characters
     */
    public String hmacHex() {
      return hmacHex;
    }

    /**
     * The signature.
     *
     * @return {@code Base64(hmacHex)}: 88 characters
     */
    public String appSignature() {
      return appSignature;
    }

    @Override
    public String toString() {
      return Show.of("AppSignature", "hmacHex", hmacHex, "appSignature", appSignature);
    }
  }

  /** What a successful verification established. */
  public static final class Verified extends Value {
    private final String clientId;
    private final String nonce;
    private final long timestampMs;

    // qm_kingdee_verified: client_id, nonce (qm_str), u64 timestamp_ms at word 4.
    Verified(Scratch s, byte[] out) {
      this.clientId = s.view(out, 0);
      this.nonce = s.view(out, 1);
      this.timestampMs = s.words[4];
    }

    /**
     * The client.
     *
     * @return the {@code X-Api-ClientID} of the request
     */
    public String clientId() {
      return clientId;
    }

    /**
     * The nonce.
     *
     * @return the signed nonce
     */
    public String nonce() {
      return nonce;
    }

    /**
     * The timestamp.
     *
     * @return the signed timestamp, ms since the epoch
     */
    public long timestampMs() {
      return timestampMs;
    }
    @Override
    Object[] fields() {
      return new Object[] {"clientId", clientId, "nonce", nonce, "timestampMs", timestampMs};
    }
  }

  /** {@code Base64(hex(HMAC-SHA256(appSecret, appKey)))}.
   *
   * @param appKey the app key
   * @param appSecret the app secret (not empty)
   * @return the 88-character {@code app_signature}
   * @throws QianmingException e.g. {@code empty_secret}
   */
  public static String appSignature(String appKey, String appSecret) {
    Scratch s = Scratch.get();
    final long key = s.text(appKey);
    final long secret = s.text(appSecret);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_kingdee_app_signature(x.ptr(key), Scratch.len(key),
        x.ptr(secret), Scratch.len(secret), x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * {@link #appSignature} with its HMAC hex.
   *
   * @param appKey the app key
   * @param appSecret the app secret (not empty)
   * @return both values
   * @throws QianmingException e.g. {@code empty_secret}
   */
  public static AppSignature explainAppSignature(String appKey, String appSecret) {
    Scratch s = Scratch.get();
    final long key = s.text(appKey);
    final long secret = s.text(appSecret);
    s.commit();
    byte[] out = Calls.run(s, x -> NativeLib.qm_kingdee_explain_app_signature(x.ptr(key),
        Scratch.len(key), x.ptr(secret), Scratch.len(secret), x.parts, x.outPtr(), x.outCap(), x.outLen));
    return new AppSignature(s.view(out, 0), s.view(out, 1)); // qm_kingdee_app_signature_parts
  }

  /**
   * A nonce in the vendor SDK's form (ten decimal digits) from 64 random bits the caller
   * supplies (libqianming has no random numbers).
   *
   * @param entropy 64 random bits, e.g. from {@link SecureRandom}
   * @return the nonce
   */
  public static String nonceFromEntropy(long entropy) {
    Scratch s = Scratch.get();
    return s.single(Calls.run(s, x -> NativeLib.qm_kingdee_nonce_from_entropy(entropy, x.outPtr(),
        x.outCap(), x.outLen)));
  }

  /**
   * A fresh nonce: {@link #nonceFromEntropy} of 64 bits from a shared {@link SecureRandom}.
   *
   * @return the nonce
   */
  public static String newNonce() {
    return nonceFromEntropy(RANDOM.nextLong());
  }

  /**
   * Verifies a received request (server side): rebuilds the string to sign, compares the
   * signatures in constant time and checks the timestamp and the header and query rules. Keeps
   * <b>no replay state</b>: alone it accepts a replayed request for the whole window, so servers
   * use a {@link Verifier} (which refuses replays, or returns the ticket for a shared store).
   *
   * @param clientSecret the client's secret (not empty)
   * @param windowMs how far the timestamp may lie from {@code nowMs}, either way ({@link
   *     #DEFAULT_WINDOW_MS} for the gateway's five minutes)
   * @param method the received method
   * @param path the received path, decoded (see {@link #percentDecode})
   * @param query the received query pairs, decoded (see {@link #parseQuery}); null for none
   * @param headers the received headers, names in any case; null for none
   * @param nowMs the server's time, ms since the epoch
   * @return what the request established
   * @throws QianmingException e.g. {@code signature_mismatch}, {@code expired}, {@code missing_header}
   */
  public static Verified verify(String clientSecret, long windowMs, String method, String path,
      List<Pair> query, List<Pair> headers, long nowMs) {
    Scratch s = Scratch.get();
    byte[] out = received(s, null, clientSecret, method, path, query, headers,
        (x, v, k, kl, m, ml, p, pl, q, qn, h, hn) -> NativeLib.qm_kingdee_verify(k, kl, windowMs, m, ml, p, pl, q,
            qn, h, hn, nowMs, x.parts, x.outPtr(), x.outCap(), x.outLen));
    return new Verified(s, out);
  }

  /**
   * Rebuilds the string to sign of a received request and <b>the signature it should carry</b>,
   * without judging it: to debug your own client's {@code signature_mismatch}. Never send its
   * result back to a client: the expected signature (and the HMAC) let anyone forge the request;
   * a server explaining a refusal uses {@link Verifier#diagnose}. Arguments as for {@link
   * #verify} (no window, no clock).
   *
   * @param clientSecret the client's secret
   * @param method the received method
   * @param path the received path, decoded
   * @param query the received query pairs, decoded; null for none
   * @param headers the received headers; null for none
   * @return the verifier's reconstruction
   * @throws QianmingException when the request cannot be rebuilt (e.g. {@code missing_header})
   */
  public static VerifyExplanation explainRevealingSignature(String clientSecret, String method, String path,
      List<Pair> query, List<Pair> headers) {
    return explain(NativeLib::qm_kingdee_verify_explain_revealing_signature, clientSecret, method, path,
        query, headers);
  }

  /**
   * The old name of {@link #explainRevealingSignature} ({@code qm_kingdee_verify_explain}).
   *
   * @param clientSecret the client's secret
   * @param method the received method
   * @param path the received path, decoded
   * @param query the received query pairs, decoded; null for none
   * @param headers the received headers; null for none
   * @return the verifier's reconstruction, with the expected signature
   * @throws QianmingException when the request cannot be rebuilt
   * @deprecated it reveals the expected signature: use {@link #explainRevealingSignature} to
   *     debug a client, {@link Verifier#diagnose} to tell a client why it was refused
   */
  @Deprecated
  public static VerifyExplanation verifyExplain(String clientSecret, String method, String path,
      List<Pair> query, List<Pair> headers) {
    return explain(NativeLib::qm_kingdee_verify_explain, clientSecret, method, path, query, headers);
  }

  private interface ExplainCall {
    int run(long secret, long secretLen, long method, long methodLen, long path, long pathLen, long query,
        long queryCount, long headers, long headerCount, long parts, long buf, long cap, long outLen);
  }

  private static VerifyExplanation explain(final ExplainCall call, String clientSecret, String method,
      String path, List<Pair> query, List<Pair> headers) {
    Scratch s = Scratch.get();
    byte[] out = received(s, null, clientSecret, method, path, query, headers,
        (x, v, k, kl, m, ml, p, pl, q, qn, h, hn) -> call.run(k, kl, m, ml, p, pl, q, qn, h, hn, x.parts,
            x.outPtr(), x.outCap(), x.outLen));
    return new VerifyExplanation(s, out);
  }

  /**
   * A native call on a received request: a handle (0 for none), the secret, method and path as
   * (address, length), the query and headers as (address, count).
   */
  interface ReceivedCall {
    int run(Scratch x, long handle, long secret, long secretLen, long method, long methodLen, long path,
        long pathLen, long query, long queryCount, long headers, long headerCount);
  }

  /**
   * Stages a received request with its client secret, then runs {@code call} on it with {@code
   * handle} (null for none) held; returns the output.
   */
  static byte[] received(Scratch s, NativeHandle handle, String clientSecret, String method, String path,
      List<Pair> query, List<Pair> headers, ReceivedCall call) {
    final List<Pair> q = orEmpty(query);
    final List<Pair> h = orEmpty(headers);
    final long k = s.text(clientSecret);
    final long m = s.text(method);
    final long p = s.text(path);
    final int qa = s.pairs(q, false);
    final int ha = s.pairs(h, false);
    s.commit();
    return NativeHandle.with(handle, v -> Calls.run(s, x -> call.run(x, v, x.ptr(k), Scratch.len(k), x.ptr(m),
        Scratch.len(m), x.ptr(p), Scratch.len(p), x.ptrAt(qa), q.size(), x.ptrAt(ha), h.size())));
  }

  /**
   * Parses a query string as it arrives on the wire ({@code a=1&b=x%3Dy}, a leading {@code ?}
   * allowed) into decoded pairs for {@link #verify}: {@code +} is a space, a part without
   * {@code =} has an empty value, empty parts are skipped.
   *
   * @param raw the raw query string
   * @return the decoded pairs, in order
   * @throws QianmingException e.g. {@code invalid_percent_encoding}
   */
  public static List<Pair> parseQuery(String raw) {
    return Calls.items((x, t, items, cap, count) -> NativeLib.qm_kingdee_parse_query(x.ptr(t[0]),
        Scratch.len(t[0]), items, cap, count, x.outPtr(), x.outCap(), x.outLen), raw);
  }

  /**
   * Decodes a request target as it travels ({@code /path?query}, percent-encoded, as on the
   * request line) the way the gateway does before checking the signature: the path as by
   * {@link #percentDecode}, the query as by {@link #parseQuery}. What a server passes to a
   * {@link Verifier}.
   *
   * @param target the request target
   * @return the decoded path and query pairs
   * @throws QianmingException e.g. {@code invalid_percent_encoding}
   */
  public static RequestTarget parseRequestTarget(String target) {
    Scratch s = Scratch.get();
    final long t = s.text(target);
    s.commit();
    byte[] out = Calls.list(s, (x, items, cap, count) -> NativeLib.qm_kingdee_parse_request_target(
        x.ptr(t), Scratch.len(t), x.st(Calls.LIST_ONE), items, cap, count, x.outPtr(), x.outCap(),
        x.outLen));
    String path = s.str(out, s.structs(Calls.LIST_ONE + 16), Calls.LIST_ONE);
    return new RequestTarget(path, Calls.items(s, out));
  }

  /** A request target decoded as the gateway decodes it ({@link #parseRequestTarget}). */
  public static final class RequestTarget {
    private final String path;
    private final List<Pair> query;

    RequestTarget(String path, List<Pair> query) {
      this.path = path;
      this.query = query;
    }

    /** @return the path, percent-decoded ({@code +} kept) */
    public String path() {
      return path;
    }

    /** @return the query pairs, form-decoded ({@code +} a space), in order (unmodifiable) */
    public List<Pair> query() {
      return query;
    }

    @Override
    public String toString() {
      return Show.of("RequestTarget", "path", path, "query", query);
    }
  }

  /**
   * Percent-decodes a request path ({@code %XX} escapes; {@code +} stays {@code +}), for a
   * verifier that receives the raw path.
   *
   * @param encoded the encoded path
   * @return the decoded path
   * @throws QianmingException {@code invalid_percent_encoding}, {@code invalid_unicode}, …
   */
  public static String percentDecode(String encoded) {
    Scratch s = Scratch.get();
    final long e = s.text(encoded);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_percent_decode(x.ptr(e), Scratch.len(e), x.outPtr(),
        x.outCap(), x.outLen)));
  }

  static List<Pair> orEmpty(List<Pair> pairs) {
    return pairs == null ? Collections.<Pair>emptyList() : pairs;
  }

  /**
   * The canonical parts a verifier rebuilds from a received request, which {@link
   * VerifyExplanation} and {@link Diagnosis} (and the doctor's report) share. Package-private:
   * its accessors are public through those classes.
   */
  static class Rebuilt {
    private final String canonicalPath;
    private final String canonicalQuery;
    private final String signedHeaders;
    private final String stringToSign;

    /** The four {@code qm_str} from word {@code word} of the parts. */
    Rebuilt(Scratch s, byte[] out, int word) {
      this.canonicalPath = s.viewAt(out, word);
      this.canonicalQuery = s.viewAt(out, word + 2);
      this.signedHeaders = s.viewAt(out, word + 4);
      this.stringToSign = s.viewAt(out, word + 6);
    }

    /** @return {@code G(path)} of the received path */
    public String canonicalPath() {
      return canonicalPath;
    }

    /** @return the canonical query of the received pairs */
    public String canonicalQuery() {
      return canonicalQuery;
    }

    /** @return the signed header names in signing order, joined by {@code ,} */
    public String signedHeaders() {
      return signedHeaders;
    }

    /** @return the string to sign rebuilt from the request (no secret in it) */
    public String stringToSign() {
      return stringToSign;
    }
  }

  /**
   * The verifier's reconstruction of a received request with the signature it expects ({@link
   * #explainRevealingSignature}): for debugging your own client, never to be sent to a client.
   */
  public static final class VerifyExplanation extends Rebuilt {
    private final String hmacHex;
    private final String expectedSignature;
    private final String receivedSignature;

    // qm_kingdee_verify_explanation: the four canonical parts, hmac_hex, expected_signature,
    // received_signature (qm_str each).
    VerifyExplanation(Scratch s, byte[] out) {
      super(s, out, 0);
      this.hmacHex = s.view(out, 4);
      this.expectedSignature = s.view(out, 5);
      this.receivedSignature = s.view(out, 6);
    }

    @Override
    public String toString() {
      return Show.of("VerifyExplanation", "canonicalPath", canonicalPath(), "canonicalQuery", canonicalQuery(),
          "signedHeaders", signedHeaders(), "expectedSignature", expectedSignature, "receivedSignature",
          receivedSignature);
    }

    /** @return lowercase hex of the HMAC the verifier computed */
    public String hmacHex() {
      return hmacHex;
    }

    /** @return the signature the request should carry */
    public String expectedSignature() {
      return expectedSignature;
    }

    /** @return the signature the request carries (empty if none) */
    public String receivedSignature() {
      return receivedSignature;
    }
  }

  /** A request a {@link Verifier#verifyStateless} accepted, and the ticket to record. */
  public static final class StatelessVerified {
    private final Verified verified;
    private final ReplayTicket ticket;

    StatelessVerified(Verified verified, ReplayTicket ticket) {
      this.verified = verified;
      this.ticket = ticket;
    }

    /** @return what the request established */
    public Verified verified() {
      return verified;
    }

    /** @return what the shared replay store must record before the request is accepted */
    public ReplayTicket ticket() {
      return ticket;
    }

    @Override
    public String toString() {
      return Show.of("StatelessVerified", null, verified, null, ticket);
    }
  }

  /**
   * What {@link Verifier#diagnose} can safely tell about a received request: the canonical parts
   * rebuilt from it and its verdict, never the signature expected (fit to log, or to answer a
   * client that asks why it was refused).
   */
  public static final class Diagnosis extends Rebuilt {
    private final String verdict;
    private final String verdictDetail;
    private final long timestampMs;

    // qm_kingdee_diagnosis: the four canonical parts, qm_status verdict at byte 64, verdict_detail
    // at word 9, timestamp_ms at word 11.
    Diagnosis(Scratch s, byte[] out) {
      super(s, out, 0);
      this.verdict = NativeLib.qm_status_name(s.partsInt(64));
      this.verdictDetail = s.viewAt(out, 9);
      this.timestampMs = s.words[11];
    }

    /** @return whether the verdict is {@code "ok"} */
    public boolean accepted() {
      return "ok".equals(verdict);
    }

    /**
     * What {@link Verifier#verifyStateless} says at that time (replay state is neither
     * consulted nor changed).
     *
     * @return {@code "ok"}, or the kind the request is refused with, e.g. {@code "expired"}
     */
    public String verdict() {
      return verdict;
    }

    /** @return the refusal's detail message; empty when accepted */
    public String verdictDetail() {
      return verdictDetail;
    }

    /** @return the signed timestamp (ms) when accepted, else 0 */
    public long timestampMs() {
      return timestampMs;
    }

    @Override
    public String toString() {
      return Show.of("Diagnosis", "verdict", verdict + (verdictDetail.isEmpty() ? "" : " (" + verdictDetail + ")"),
          "canonicalPath", canonicalPath(), "canonicalQuery", canonicalQuery(), "signedHeaders", signedHeaders());
    }
  }

  /**
   * Verifies received requests for one client secret the way the gateway does, with the
   * replay guard that makes each client id and nonce work once while its timestamp is inside the
   * window. Thread-safe: share one verifier ({@link #verify} calls are serialised natively, so
   * the same request verified from two threads gives one success and one {@code replayed}; the
   * stateless calls take no lock). {@link #close} waits for calls in flight and releases it;
   * later calls throw {@link IllegalStateException}.
   */
  public static final class Verifier implements AutoCloseable {
    /** Package-private: {@link Doctor} reads the replay guard through it. */
    final NativeHandle handle;

    /**
     * A verifier with the default replay guard and strict query rules.
     *
     * @param clientSecret the client's secret (not empty)
     * @param windowMs how far the timestamp may lie from now, either way ({@link
     *     Kingdee#DEFAULT_WINDOW_MS} for the gateway's five minutes)
     * @throws QianmingException e.g. {@code empty_secret}
     */
    public Verifier(String clientSecret, long windowMs) {
      this(clientSecret, windowMs, 0, false);
    }

    /**
     * A verifier with every option.
     *
     * @param clientSecret the client's secret (not empty)
     * @param windowMs how far the timestamp may lie from now, either way; a client id and nonce
     *     are remembered until their timestamp leaves it
     * @param replayCapacity the most live requests the replay guard holds; 0 for {@link
     *     Kingdee#DEFAULT_REPLAY_CAPACITY}; when full, a new request is {@code replay_cache_full}
     * @param lenientQuery false (recommended): a received query pair with an empty name, which
     *     the signature does not cover, is {@code unsigned_query_data}; true: accept it, as the
     *     vendor gateway does (the pair then reaches your application unsigned)
     * @throws QianmingException e.g. {@code empty_secret}
     */
    public Verifier(String clientSecret, long windowMs, long replayCapacity, boolean lenientQuery) {
      Scratch s = Scratch.get();
      long secret = s.text(clientSecret);
      s.commit();
      s.check(NativeLib.qm_kingdee_verifier_new(s.ptr(secret), Scratch.len(secret), windowMs, replayCapacity,
          lenientQuery ? 1 : 0, s.word));
      this.handle = new NativeHandle("verifier", s.word(), NativeLib::qm_kingdee_verifier_free);
    }

    private interface RequestCall {
      int run(long verifier, Scratch x, long method, long methodLen, long path, long pathLen, long query,
          long queryCount, long headers, long headerCount);
    }

    /** Stages the request, runs {@code call} under the handle's lock; returns the output bytes. */
    private byte[] call(Scratch s, String method, String path, List<Pair> query, List<Pair> headers,
        final RequestCall call) {
      final List<Pair> q = orEmpty(query);
      final List<Pair> h = orEmpty(headers);
      final long m = s.text(method);
      final long p = s.text(path);
      final int qa = s.pairs(q, false);
      final int ha = s.pairs(h, false);
      s.commit();
      return handle.with(v -> Calls.run(s, x -> call.run(v, x, x.ptr(m), Scratch.len(m), x.ptr(p),
          Scratch.len(p), x.ptrAt(qa), q.size(), x.ptrAt(ha), h.size())));
    }

    /**
     * Verifies a received request and, when it passes, remembers its client id and nonce so it
     * works once ({@code replayed} after that, until its timestamp leaves the window). Time only
     * moves forward for the guard: a request whose window closed before the latest {@code nowMs}
     * seen is {@code expired}.
     *
     * @param method the received method
     * @param path the received path, decoded (see {@link Kingdee#percentDecode})
     * @param query the received query pairs, decoded (see {@link Kingdee#parseQuery}); null for none
     * @param headers the received headers, names in any case; null for none
     * @param nowMs the server's time, ms since the epoch
     * @return what the request established
     * @throws QianmingException e.g. {@code replayed}, {@code signature_mismatch}, {@code expired}
     * @throws IllegalStateException after {@link #close}
     */
    public Verified verify(String method, String path, List<Pair> query, List<Pair> headers, final long nowMs) {
      Scratch s = Scratch.get();
      byte[] out = call(s, method, path, query, headers, (v, x, m, ml, p, pl, q, qn, h, hn) ->
          NativeLib.qm_kingdee_verifier_verify(v, m, ml, p, pl, q, qn, h, hn, nowMs, x.parts, x.outPtr(),
              x.outCap(), x.outLen));
      return new Verified(s, out);
    }

    /**
     * Verifies a received request <b>without the replay guard</b> and returns the ticket a
     * replay store shared by several servers must record: accept the request only if the store
     * did not hold the ticket's key yet. Alone, this accepts a replay for the whole window.
     *
     * @param method the received method
     * @param path the received path, decoded
     * @param query the received query pairs, decoded; null for none
     * @param headers the received headers; null for none
     * @param nowMs the server's time, ms since the epoch
     * @return what the request established, and the ticket
     * @throws QianmingException e.g. {@code signature_mismatch}, {@code expired}
     * @throws IllegalStateException after {@link #close}
     */
    public StatelessVerified verifyStateless(String method, String path, List<Pair> query,
        List<Pair> headers, final long nowMs) {
      Scratch s = Scratch.get();
      byte[] out = call(s, method, path, query, headers, (v, x, m, ml, p, pl, q, qn, h, hn) ->
          NativeLib.qm_kingdee_verifier_verify_stateless(v, m, ml, p, pl, q, qn, h, hn, nowMs, x.parts,
              x.st(0), x.outPtr(), x.outCap(), x.outLen));
      Verified verified = new Verified(s, out);
      return new StatelessVerified(verified, ReplayTicket.read(s, out, s.structs(ReplayTicket.SIZE), 0));
    }

    /**
     * Verifies a received request with the replay state kept in {@code store}, shared by
     * several servers: {@link #verifyStateless}, then {@code store.record(ticket, nowMs)}. The
     * request is accepted only when both pass; this verifier's own replay guard is not used.
     *
     * @param store the shared replay store, e.g. {@code io.github.qianming.redis.RedisReplayStore}
     * @param method the received method
     * @param path the received path, decoded
     * @param query the received query pairs, decoded; null for none
     * @param headers the received headers; null for none
     * @param nowMs the server's time, ms since the epoch
     * @return what the request established
     * @throws QianmingException as {@link #verifyStateless}; {@code replayed} when the store
     *     already holds the request; {@code replay_store_unavailable} when the store cannot be
     *     asked (the request is refused: fail closed)
     * @throws IllegalStateException after {@link #close}
     */
    public Verified verifyWith(ReplayStore store, String method, String path, List<Pair> query,
        List<Pair> headers, long nowMs) {
      Objects.requireNonNull(store, "store");
      StatelessVerified accepted = verifyStateless(method, path, query, headers, nowMs);
      store.record(accepted.ticket(), nowMs);
      return accepted.verified();
    }

    /**
     * Rebuilds a received request's canonical parts and judges it at {@code nowMs}, for a
     * server to log or answer why it refused a request. Safe to show: it never holds the HMAC
     * or the expected signature. Changes no replay state.
     *
     * @param method the received method
     * @param path the received path, decoded
     * @param query the received query pairs, decoded; null for none
     * @param headers the received headers; null for none
     * @param nowMs the server's time, ms since the epoch
     * @return the diagnosis, whatever its verdict
     * @throws QianmingException when the request is too malformed to rebuild (e.g. {@code
     *     missing_header}, {@code unsigned_query_data})
     * @throws IllegalStateException after {@link #close}
     */
    public Diagnosis diagnose(String method, String path, List<Pair> query, List<Pair> headers,
        final long nowMs) {
      Scratch s = Scratch.get();
      byte[] out = call(s, method, path, query, headers, (v, x, m, ml, p, pl, q, qn, h, hn) ->
          NativeLib.qm_kingdee_verifier_diagnose(v, m, ml, p, pl, q, qn, h, hn, nowMs, x.parts, x.outPtr(),
              x.outCap(), x.outLen));
      return new Diagnosis(s, out);
    }

    /**
     * How many requests (client id and nonce) the replay guard remembers now.
     *
     * @return the number
     * @throws IllegalStateException after {@link #close}
     */
    public long remembered() {
      return handle.word(Scratch.get(), NativeLib::qm_kingdee_verifier_remembered);
    }

    /** Waits for calls in flight, then releases the verifier and its replay guard. Idempotent. */
    @Override
    public void close() {
      handle.close();
    }
  }

  /**
   * A signed request: every intermediate and the six {@code X-Api-*} headers, in order. Holds
   * the bytes libqianming wrote and decodes each part when first asked for. Immutable.
   */
  public static final class SignedRequest {
    private final byte[] bytes;
    private final int[] spans; // offset, length of the 20 views

    SignedRequest(byte[] bytes, int[] spans) {
      this.bytes = bytes;
      this.spans = spans;
    }

    private String part(int i) {
      return new String(bytes, spans[2 * i], spans[2 * i + 1], StandardCharsets.UTF_8);
    }

    /** @return the upper-case method */
    public String method() {
      return part(0);
    }

    /** @return {@code G(path)} */
    public String canonicalPath() {
      return part(1);
    }

    /** @return the canonical query (values encoded twice) */
    public String canonicalQuery() {
      return part(2);
    }

    /** @return the signed header names, in signing order (unmodifiable) */
    public List<String> signedHeaders() {
      return Calls.unmodifiable(part(3).split(","));
    }

    /** @return the exact text that was MACed; every line ends with {@code \n} */
    public String stringToSign() {
      return part(4);
    }

    /** @return lowercase hex of the HMAC */
    public String hmacHex() {
      return part(5);
    }

    /** @return the value of {@code X-Api-Signature} */
    public String signature() {
      return part(6);
    }

    /** @return the query string to put on the wire (form encoding of the raw pairs) */
    public String wireQuery() {
      return part(7);
    }

    /**
     * The six headers to send: {@code X-Api-ClientID}, {@code X-Api-Auth-Version}, {@code
     * X-Api-TimeStamp}, {@code X-Api-Nonce}, {@code X-Api-SignHeaders}, {@code X-Api-Signature}.
     * Extra signed headers are the caller's to send.
     *
     * @return the headers, in that order (unmodifiable)
     */
    public List<Pair> headers() {
      Pair[] out = new Pair[6];
      for (int i = 0; i < 6; i++) {
        out[i] = new Pair(part(8 + 2 * i), part(9 + 2 * i));
      }
      return Calls.unmodifiable(out);
    }

    /**
     * The value of one of the six headers.
     *
     * @param name a header name, any case
     * @return its value, or null
     */
    public String header(String name) {
      for (int i = 0; i < 6; i++) {
        if (part(8 + 2 * i).equalsIgnoreCase(name)) {
          return part(9 + 2 * i);
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return "SignedRequest[" + method() + " " + canonicalPath() + ", signedHeaders=" + part(3)
          + ", signature=" + signature() + "]";
    }
  }

  /**
   * Signs requests for one client; the HMAC is keyed once. Thread-safe: share one signer
   * between threads. {@link #close} (or try-with-resources) releases the native signer; it waits
   * for calls in flight, and later calls throw {@link IllegalStateException}.
   */
  public static final class Signer implements AutoCloseable {
    private final NativeHandle handle;
    private final String clientId;

    /**
     * A signer.
     *
     * @param clientId the client id (must travel in a header)
     * @param clientSecret the client secret (not empty)
     * @throws QianmingException e.g. {@code empty_secret}, {@code invalid_header_value}
     */
    public Signer(String clientId, String clientSecret) {
      Scratch s = Scratch.get();
      long id = s.text(clientId);
      long secret = s.text(clientSecret);
      s.commit();
      s.check(NativeLib.qm_kingdee_signer_new(
          s.ptr(id), Scratch.len(id), s.ptr(secret), Scratch.len(secret), s.word));
      this.handle = new NativeHandle("signer", s.word(), NativeLib::qm_kingdee_signer_free);
      this.clientId = clientId;
    }

    /**
     * The client this signer signs for.
     *
     * @return the client id
     */
    public String clientId() {
      return clientId;
    }

    /**
     * Signs a request at {@code timestamp} with {@code nonce}.
     *
     * @param method the HTTP method, any case
     * @param path the request path, unencoded
     * @param query the query parameters, unencoded, any order; null for none
     * @param signHeaders extra headers to sign; null for none (a null value is refused)
     * @param timestamp ms since the epoch, decimal digits
     * @param nonce the nonce, e.g. {@link Kingdee#newNonce()}
     * @return the signed request
     * @throws QianmingException e.g. {@code invalid_timestamp}, {@code duplicate_query_name}
     * @throws IllegalStateException after {@link #close}
     */
    public SignedRequest sign(String method, String path, List<Pair> query, List<Pair> signHeaders,
        String timestamp, String nonce) {
      List<Pair> q = orEmpty(query);
      List<Pair> h = orEmpty(signHeaders);
      Scratch s = Scratch.get();
      long m = s.text(method);
      long p = s.text(path);
      long t = s.text(timestamp);
      long n = s.text(nonce);
      int qa = s.pairs(q, false);
      int ha = s.pairs(h, true);
      s.commit();
      int status;
      long signer = handle.acquire();
      try {
        while ((status = NativeLib.qm_kingdee_signer_sign(signer, s.ptr(m), Scratch.len(m), s.ptr(p),
            Scratch.len(p), s.ptrAt(qa), q.size(), s.ptrAt(ha), h.size(), s.ptr(t), Scratch.len(t),
            s.ptr(n), Scratch.len(n), s.parts, s.outPtr(), s.outCap(), s.outLen))
            == Scratch.INSUFFICIENT_SIZE) {
          s.grow();
        }
      } finally {
        handle.release();
      }
      s.check(status);
      byte[] out = s.ownedOutput();
      int[] spans = new int[40];
      for (int i = 0; i < 20; i++) {
        spans[2 * i] = s.offset(i);
        spans[2 * i + 1] = s.length(i);
      }
      return new SignedRequest(out, spans);
    }

    /**
     * Signs a request now: at {@link System#currentTimeMillis()} with {@link Kingdee#newNonce()}.
     *
     * @param method the HTTP method, any case
     * @param path the request path, unencoded
     * @param query the query parameters, unencoded; null for none
     * @param signHeaders extra headers to sign; null for none
     * @return the signed request
     * @throws QianmingException as {@link #sign(String, String, List, List, String, String)}
     */
    public SignedRequest sign(String method, String path, List<Pair> query, List<Pair> signHeaders) {
      return sign(method, path, query, signHeaders, Long.toString(System.currentTimeMillis()), newNonce());
    }

    /**
     * The signed app-token request {@code GET <base>/jdyconnector/app_management/kingdee_auth_token}.
     *
     * @param baseUrl the gateway, e.g. {@code https://api.kingdee.com} (a path prefix is kept and signed)
     * @param appKey the app key
     * @param appSecret the app secret (makes {@code app_signature})
     * @param uid the optional {@code uid} query parameter, or null
     * @param timestamp ms since the epoch, decimal digits
     * @param nonce the nonce, e.g. {@link Kingdee#newNonce()}
     * @return the request and what it is made of
     * @throws QianmingException e.g. {@code invalid_url}
     * @throws IllegalStateException after {@link #close}
     */
    public KingdeeToken.Request tokenRequest(String baseUrl, String appKey, String appSecret,
        String uid, String timestamp, String nonce) {
      return KingdeeToken.request(handle, baseUrl, appKey, appSecret, uid, timestamp, nonce);
    }

    /** Waits for calls in flight, then releases the native signer. Idempotent. */
    @Override
    public void close() {
      handle.close();
    }

    @Override
    public String toString() {
      return "Kingdee.Signer[clientId=" + clientId + "]";
    }
  }
}
