package qianming;

/** A refusal from libqianming, carrying the stable kind name shared by every binding. */
public final class QianmingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final int status;
  private final Refusal refusal;

  /**
   * What a vendor said when it refused a token request (a well-formed answer saying no).
   *
   * @param kind the kind the vendor's code or message maps to (as {@link #kind()})
   * @param code the vendor's code as text (Kingdee {@code errcode}, Apusic {@code exit_code},
   *     edge gateway {@code code}), or null
   * @param message the vendor's message, or null
   * @param batchkey the Weaver {@code batchkey}, or null
   */
  public record Refusal(String kind, String code, String message, String batchkey)
      implements java.io.Serializable {}

  QianmingException(int status) {
    this(status, null);
  }

  QianmingException(int status, Refusal refusal) {
    super(NativeLib.qm_status_name(status) + ": " + NativeLib.qm_status_message(status)
        + (refusal == null ? "" : " (vendor code " + refusal.code() + ", message " + refusal.message() + ")"));
    this.status = status;
    this.kind = NativeLib.qm_status_name(status);
    this.refusal = refusal;
  }

  /** The stable snake_case kind, e.g. {@code "empty_secret"} or {@code "replayed"}. */
  public String kind() {
    return kind;
  }

  /** The numeric {@code qm_status} value (the core kind's code, or 1000+ for ABI statuses). */
  public int status() {
    return status;
  }

  /** The vendor's refusal when a token answer said no, else null (e.g. a malformed answer). */
  public Refusal refusal() {
    return refusal;
  }
}
