package io.github.qianming;

/** HTTP Basic credentials (RFC 7617), as the Apusic management API uses them. */
public final class Basic {
  private Basic() {}

  /** A user name and password decoded from a received header. Its {@link #toString} leaves the password out. */
  public static final class Credentials {
    private final String user;
    private final String password;

    Credentials(String user, String password) {
      this.user = user;
      this.password = password;
    }

    /** @return the user name (never contains {@code :}) */
    public String user() {
      return user;
    }

    /** @return the password (secret; may contain {@code :}) */
    public String password() {
      return password;
    }

    @Override
    public String toString() {
      return Show.of("Credentials", "user", user, "password", Show.secret(password));
    }
  }

  private interface Encoder {
    int call(long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);
  }

  private interface Decoder {
    int call(long text, long textLen, long parts, long buf, long cap, long outLen);
  }

  private static String encode(final Encoder encoder, String user, String password) {
    Scratch s = Scratch.get();
    final long u = s.text(user);
    final long p = s.text(password);
    s.commit();
    return s.single(Calls.run(s, x -> encoder.call(x.ptr(u), Scratch.len(u), x.ptr(p), Scratch.len(p),
        x.outPtr(), x.outCap(), x.outLen)));
  }

  private static Credentials decode(final Decoder decoder, String text) {
    Scratch s = Scratch.get();
    final long h = s.text(text);
    s.commit();
    byte[] out = Calls.run(s, x -> decoder.call(x.ptr(h), Scratch.len(h), x.parts, x.outPtr(),
        x.outCap(), x.outLen));
    return new Credentials(s.view(out, 0), s.view(out, 1));
  }

  /**
   * {@code Base64(user ":" password)}.
   *
   * @param user the user name (no {@code :})
   * @param password the password
   * @return the credentials
   * @throws QianmingException {@code invalid_user_name}, …
   */
  public static String credentials(String user, String password) {
    return encode(NativeLib::qm_basic_credentials, user, password);
  }

  /**
   * The {@code Authorization} header value {@code Basic <credentials>}.
   *
   * @param user the user name (no {@code :})
   * @param password the password
   * @return the header value
   * @throws QianmingException {@code invalid_user_name}, …
   */
  public static String authorizationHeader(String user, String password) {
    return encode(NativeLib::qm_basic_authorization_header, user, password);
  }

  /**
   * The {@code Authorization} header value in raw mode: the bare credentials, as the Apusic
   * document writes it.
   *
   * @param user the user name (no {@code :})
   * @param password the password
   * @return the header value
   * @throws QianmingException {@code invalid_user_name}, …
   */
  public static String authorizationHeaderRaw(String user, String password) {
    return encode(NativeLib::qm_basic_authorization_header_raw, user, password);
  }

  /**
   * Parses a received {@code Authorization} header: {@code Basic} in any case, spaces, then
   * strict padded Base64 of UTF-8 {@code user:password}, split at the first {@code :}.
   *
   * @param header the header value
   * @return the user and password
   * @throws QianmingException {@code invalid_scheme}, {@code invalid_base64}, {@code missing_separator}, …
   */
  public static Credentials parseAuthorization(String header) {
    return decode(NativeLib::qm_basic_parse_authorization, header);
  }

  /**
   * Parses bare credentials (the raw mode's header value): strict Base64 of {@code user:password}.
   *
   * @param credentials the bare Base64 value
   * @return the user and password
   * @throws QianmingException {@code invalid_base64}, {@code missing_separator}, …
   */
  public static Credentials parseCredentials(String credentials) {
    return decode(NativeLib::qm_basic_parse_credentials, credentials);
  }
}
