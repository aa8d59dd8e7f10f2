package qianming;

/** HTTP Basic credentials (RFC 7617), as the Apusic management API uses them. */
public final class Basic {
  private Basic() {}

  /** A user name and password decoded from a received header. */
  public record Credentials(String user, String password) {
    @Override
    public String toString() {
      return "Credentials[user=" + user + ", password=** redacted **]";
    }
  }

  private interface Encoder {
    int call(long user, long userLen, long password, long passwordLen, long buf, long cap, long outLen);
  }

  private static String encode(Encoder encoder, String user, String password) {
    Scratch s = Scratch.get();
    long u = s.text(user), p = s.text(password);
    s.commit();
    int status;
    while ((status = encoder.call(s.ptr(u), Scratch.len(u), s.ptr(p), Scratch.len(p), s.outPtr(),
        s.outCap(), s.outLen)) == Scratch.INSUFFICIENT_SIZE) {
      s.grow();
    }
    Scratch.check(status);
    return s.single(s.output());
  }

  /** {@code Base64(user ":" password)}. */
  public static String credentials(String user, String password) {
    return encode(NativeLib::qm_basic_credentials, user, password);
  }

  /** {@code Basic <credentials>}. */
  public static String authorizationHeader(String user, String password) {
    return encode(NativeLib::qm_basic_authorization_header, user, password);
  }

  /** The bare credentials, as the Apusic document writes the header (raw mode). */
  public static String authorizationHeaderRaw(String user, String password) {
    return encode(NativeLib::qm_basic_authorization_header_raw, user, password);
  }

  /** Parses a received {@code Authorization: Basic …} header. */
  public static Credentials parseAuthorization(String header) {
    Scratch s = Scratch.get();
    long h = s.text(header);
    s.commit();
    int status;
    while ((status = NativeLib.qm_basic_parse_authorization(s.ptr(h), Scratch.len(h), s.parts,
        s.outPtr(), s.outCap(), s.outLen)) == Scratch.INSUFFICIENT_SIZE) {
      s.grow();
    }
    Scratch.check(status);
    byte[] out = s.output();
    return new Credentials(s.view(out, 0), s.view(out, 1));
  }
}
