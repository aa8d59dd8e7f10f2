package io.github.qianming;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * Weaver e-cology 9 (泛微 e-cology 9) OpenAPI tokens: the registration ({@code
 * /api/ec/dev/auth/regist}), the token request ({@code /api/ec/dev/auth/applytoken}, the {@code
 * secrit} RSA-encrypted with the server's key) and the headers of later calls ({@code appid},
 * {@code token} and the encrypted {@code userid}). Each RSA encryption (PKCS#1 v1.5) takes a
 * {@code seed} of {@link #SEED_LEN} fresh random bytes; the overloads without it draw them from a
 * shared {@link SecureRandom}. Rules: docs/spec/ecology.md. Thread-safe.
 */
public final class Ecology {
  private Ecology() {}

  /** Where the overloads without {@code seed} draw their bytes (thread-safe). */
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The length of the seed of one encryption, in bytes (32), read from libqianming ({@code
   * qm_ecology_seed_len}).
   */
  public static final int SEED_LEN = (int) NativeLib.qm_ecology_seed_len();

  /**
   * The token lifetime of Weaver's guide (1800 seconds), read from libqianming ({@code
   * qm_ecology_default_token_lifetime_s}): what {@link #parseTokenAnswer(byte[], long)} assumes.
   */
  public static final long DEFAULT_TOKEN_LIFETIME_S = NativeLib.qm_ecology_default_token_lifetime_s();

  private static byte[] freshSeed() {
    byte[] seed = new byte[SEED_LEN];
    RANDOM.nextBytes(seed);
    return seed;
  }

  /** The size of a server key, and so the longest text one encryption takes. */
  public static final class ServerKey extends Value {
    private final long bits;
    private final long maxPlaintextLen;

    // qm_ecology_server_key_info: bits, max_plaintext_len (size_t).
    ServerKey(long bits, long maxPlaintextLen) {
      this.bits = bits;
      this.maxPlaintextLen = maxPlaintextLen;
    }

    /**
     * The key size.
     *
     * @return the size of the modulus in bits (e.g. 2048)
     */
    public long bits() {
      return bits;
    }

    /**
     * The longest text one encryption takes.
     *
     * @return the modulus length in bytes less the 11 bytes of PKCS#1 v1.5 padding, in UTF-8 bytes
     */
    public long maxPlaintextLen() {
      return maxPlaintextLen;
    }
    @Override
    Object[] fields() {
      return new Object[] {"bits", bits, "maxPlaintextLen", maxPlaintextLen};
    }
  }

  /** A granted registration. Its {@link #toString} leaves the {@code secrit} out. */
  public static final class Registration {
    private final String secrit;
    private final String spk;
    private final String message;

    Registration(String secrit, String spk, String message) {
      this.secrit = secrit;
      this.spk = spk;
      this.message = message;
    }

    /**
     * The secret to encrypt for the token request.
     *
     * @return {@code secrit} (sic), for {@link #applytokenRequest} (secret)
     */
    public String secrit() {
      return secrit;
    }

    /**
     * The server's public key.
     *
     * @return {@code spk}, as sent: Base64 of its DER SubjectPublicKeyInfo
     */
    public String spk() {
      return spk;
    }

    /**
     * The server's message.
     *
     * @return {@code msg}, or null when absent
     */
    public String message() {
      return message;
    }

    @Override
    public String toString() {
      return Show.of("Registration", "secrit", Show.secret(secrit), "spk", spk, "message", message);
    }
  }

  /** A granted access token. Its {@link #toString} leaves the token out. */
  public static final class Token {
    private final String token;
    private final String message;
    private final TokenLifetime lifetime;

    // qm_ecology_token: token, message (qm_str, NULL when absent), lifetime at 32.
    Token(Scratch s, byte[] out, ByteBuffer st) {
      this.token = s.str(out, st, 0);
      this.message = s.optStr(out, st, 16);
      this.lifetime = TokenLifetime.read(st, 32);
    }

    /**
     * The token.
     *
     * @return {@code token}, for {@link #callHeaders} (secret)
     */
    public String token() {
      return token;
    }

    /**
     * The server's message.
     *
     * @return {@code msg}, or null when absent
     */
    public String message() {
      return message;
    }

    /**
     * When the token expires.
     *
     * @return the reception time plus the lifetime asked for
     */
    public TokenLifetime lifetime() {
      return lifetime;
    }

    @Override
    public String toString() {
      return Show.of("Token", "token", Show.secret(token), "message", message, "lifetime", lifetime);
    }
  }

  /**
   * Reads a server key ({@code spk} of the registration answer, or a client's {@code cpk}).
   *
   * @param spk standard, padded Base64 of a DER SubjectPublicKeyInfo of an RSA key (white space
   *     is skipped; no PEM armour)
   * @return its size
   * @throws QianmingException {@code invalid_base64}, {@code invalid_field} (another structure,
   *     another algorithm, a truncated key)
   */
  public static ServerKey serverKey(String spk) {
    Scratch s = Scratch.get();
    final long k = s.text(spk);
    s.commit();
    s.check(NativeLib.qm_ecology_server_key(s.ptr(k), Scratch.len(k), s.st(0))); // no text: no output buffer
    ByteBuffer st = s.structs(16);
    return new ServerKey(st.getLong(0), st.getLong(8));
  }

  /**
   * Base64 of the RSA encryption (PKCS#1 v1.5) of {@code plaintext} with the server key, the
   * padding drawn from {@code seed}: the same seed, key and text give the same ciphertext, so
   * pass fresh random bytes each time (or use {@link #encrypt(String, String)}).
   *
   * @param spk the server key ({@link #serverKey})
   * @param plaintext the text (UTF-8, 1 to {@link ServerKey#maxPlaintextLen()} bytes)
   * @param seed {@link #SEED_LEN} random bytes from a secure generator
   * @return the ciphertext in Base64
   * @throws QianmingException {@code invalid_field} (empty text, seed not {@link #SEED_LEN}
   *     bytes, a bad key), {@code input_too_large}, {@code invalid_base64}
   */
  public static String encrypt(String spk, String plaintext, byte[] seed) {
    Objects.requireNonNull(seed, "seed is null");
    Scratch s = Scratch.get();
    final long[] t = s.texts(spk, plaintext);
    final long r = s.bytes(seed);
    s.commit();
    return s.single(Calls.run(s, x -> NativeLib.qm_ecology_encrypt(x.ptr(t[0]), Scratch.len(t[0]), x.ptr(t[1]),
        Scratch.len(t[1]), x.ptr(r), Scratch.len(r), x.outPtr(), x.outCap(), x.outLen)));
  }

  /**
   * {@link #encrypt(String, String, byte[])} with {@link #SEED_LEN} fresh bytes from a shared
   * {@link SecureRandom}: each call gives another ciphertext.
   *
   * @param spk the server key
   * @param plaintext the text
   * @return the ciphertext in Base64
   * @throws QianmingException as the form with {@code seed}
   */
  public static String encrypt(String spk, String plaintext) {
    return encrypt(spk, plaintext, freshSeed());
  }

  /**
   * {@code POST <base>/api/ec/dev/auth/regist} with the headers {@code appid} and {@code cpk}.
   *
   * @param baseUrl the e-cology base URL ({@code http(s)}, no query)
   * @param appid the app id registered in e-cology (not empty)
   * @param cpk the client's public key, as {@link #serverKey} reads keys (white space removed
   *     before it is sent)
   * @return the request
   * @throws QianmingException {@code invalid_url}, {@code invalid_field}, {@code
   *     invalid_header_value}, {@code invalid_base64}
   */
  public static HttpRequest registRequest(String baseUrl, String appid, String cpk) {
    return HttpRequest.build((x, t) -> NativeLib.qm_ecology_regist_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.st(0), x.outPtr(), x.outCap(),
        x.outLen), baseUrl, appid, cpk);
  }

  /**
   * Parses the registration answer {@code {"status": true, "secrit", "spk", "msg"}}.
   *
   * @param body the answer body as received
   * @return the registration
   * @throws QianmingException {@code vendor_error} with a {@link QianmingException#refusal()}
   *     ({@code errcode} and {@code errmsg}) for {@code status: false}, or the kind of a malformed
   *     answer ({@code invalid_json}, {@code missing_field}, {@code invalid_field}, {@code
   *     invalid_base64})
   */
  public static Registration parseRegistAnswer(byte[] body) {
    return Calls.parse(body, 48, (x, a, n) -> NativeLib.qm_ecology_parse_regist_answer(a, n, x.st(0),
        x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen),
        (x, out, st) -> new Registration(x.str(out, st, 0), x.str(out, st, 16), x.optStr(out, st, 32)));
  }

  /**
   * {@code POST <base>/api/ec/dev/auth/applytoken} with the headers {@code appid}, {@code
   * secret} (the {@code secrit} encrypted with the server key) and, when {@code timeS} is given,
   * {@code time}.
   *
   * @param baseUrl the e-cology base URL ({@code http(s)}, no query)
   * @param appid the app id (not empty)
   * @param spk the server key of the registration ({@link Registration#spk()})
   * @param secrit the {@code secrit} of the registration (secret, not empty)
   * @param seed {@link #SEED_LEN} random bytes from a secure generator
   * @param timeS the token lifetime to ask for, in seconds, or null (0 too, as in the C ABI) to
   *     send no {@code time} header
   * @return the request
   * @throws QianmingException {@code empty_secret}, {@code invalid_url}, {@code invalid_field},
   *     {@code invalid_base64}, {@code input_too_large}, …
   */
  public static HttpRequest applytokenRequest(String baseUrl, String appid, String spk, String secrit, byte[] seed,
      Long timeS) {
    Objects.requireNonNull(seed, "seed is null");
    Scratch s = Scratch.get();
    final long[] t = s.texts(baseUrl, appid, spk, secrit);
    final long r = s.bytes(seed);
    final long time = timeS == null ? 0 : timeS;
    s.commit();
    return HttpRequest.build(s, x -> NativeLib.qm_ecology_applytoken_request(x.ptr(t[0]), Scratch.len(t[0]),
        x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]), Scratch.len(t[3]), x.ptr(r),
        Scratch.len(r), time, x.st(0), x.outPtr(), x.outCap(), x.outLen));
  }

  /**
   * {@link #applytokenRequest(String, String, String, String, byte[], Long)} with {@link
   * #SEED_LEN} fresh bytes from a shared {@link SecureRandom}.
   *
   * @param baseUrl the e-cology base URL
   * @param appid the app id
   * @param spk the server key of the registration
   * @param secrit the {@code secrit} of the registration (secret)
   * @param timeS the token lifetime to ask for, in seconds, or null
   * @return the request
   * @throws QianmingException as the form with {@code seed}
   */
  public static HttpRequest applytokenRequest(String baseUrl, String appid, String spk, String secrit,
      Long timeS) {
    return applytokenRequest(baseUrl, appid, spk, secrit, freshSeed(), timeS);
  }

  /**
   * Parses the token answer {@code {"status": true, "token", "msg"}} received at {@code
   * receivedAtMs}, for a token that lives {@code lifetimeS} seconds.
   *
   * @param body the answer body as received
   * @param receivedAtMs when it arrived, in milliseconds since the epoch
   * @param lifetimeS the token's lifetime in seconds: the {@code time} asked for, else {@link
   *     #DEFAULT_TOKEN_LIFETIME_S}
   * @return the token
   * @throws QianmingException for {@code status: false}, with a {@link
   *     QianmingException#refusal()}: {@code undecryptable} (the secret did not decrypt), {@code
   *     sign_mismatch} (wrong authentication data) or {@code vendor_error}; or the kind of a
   *     malformed answer ({@code invalid_json}, {@code missing_field}, {@code invalid_field})
   */
  public static Token parseTokenAnswer(byte[] body, long receivedAtMs, long lifetimeS) {
    return Calls.parse(body, 56, (x, a, n) -> NativeLib.qm_ecology_parse_token_answer(a, n, receivedAtMs,
        lifetimeS, x.st(0), x.st(Calls.REFUSAL), x.outPtr(), x.outCap(), x.outLen), Token::new);
  }

  /**
   * {@link #parseTokenAnswer(byte[], long, long)} for a token of {@link
   * #DEFAULT_TOKEN_LIFETIME_S}.
   *
   * @param body the answer body as received
   * @param receivedAtMs when it arrived, in milliseconds since the epoch
   * @return the token
   * @throws QianmingException as the full form
   */
  public static Token parseTokenAnswer(byte[] body, long receivedAtMs) {
    return parseTokenAnswer(body, receivedAtMs, DEFAULT_TOKEN_LIFETIME_S);
  }

  /**
   * The headers of a call with a token: {@code appid}, {@code token} and {@code userid} (the OA
   * user id encrypted with the server key), in that order. Form bodies go as {@code
   * application/x-www-form-urlencoded; charset=utf-8}.
   *
   * @param appid the app id (not empty)
   * @param token the token ({@link Token#token()}, secret)
   * @param spk the server key of the registration
   * @param userid the OA user id, e.g. {@code 1} (not empty)
   * @param seed {@link #SEED_LEN} random bytes from a secure generator
   * @return the headers (unmodifiable)
   * @throws QianmingException {@code invalid_field}, {@code invalid_header_value}, {@code
   *     invalid_base64}, {@code input_too_large}
   */
  public static List<Pair> callHeaders(String appid, String token, String spk, String userid, byte[] seed) {
    Objects.requireNonNull(seed, "seed is null");
    Scratch s = Scratch.get();
    final long[] t = s.texts(appid, token, spk, userid);
    final long r = s.bytes(seed);
    s.commit();
    byte[] out = Calls.list(s, (x, items, cap, count) -> NativeLib.qm_ecology_call_headers(x.ptr(t[0]),
        Scratch.len(t[0]), x.ptr(t[1]), Scratch.len(t[1]), x.ptr(t[2]), Scratch.len(t[2]), x.ptr(t[3]),
        Scratch.len(t[3]), x.ptr(r), Scratch.len(r), items, cap, count, x.outPtr(), x.outCap(), x.outLen));
    return Calls.items(s, out);
  }

  /**
   * {@link #callHeaders(String, String, String, String, byte[])} with {@link #SEED_LEN} fresh
   * bytes from a shared {@link SecureRandom}.
   *
   * @param appid the app id
   * @param token the token (secret)
   * @param spk the server key of the registration
   * @param userid the OA user id
   * @return the headers (unmodifiable)
   * @throws QianmingException as the form with {@code seed}
   */
  public static List<Pair> callHeaders(String appid, String token, String spk, String userid) {
    return callHeaders(appid, token, spk, userid, freshSeed());
  }
}
