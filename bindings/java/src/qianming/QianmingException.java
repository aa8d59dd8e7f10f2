package qianming;

/** A refusal from libqianming, carrying the stable kind name shared by every binding. */
public final class QianmingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String kind;
  private final int status;

  QianmingException(int status) {
    super(NativeLib.qm_status_name(status) + ": " + NativeLib.qm_status_message(status));
    this.status = status;
    this.kind = NativeLib.qm_status_name(status);
  }

  /** The stable snake_case kind, e.g. {@code "empty_secret"} or {@code "replayed"}. */
  public String kind() {
    return kind;
  }

  /** The numeric {@code qm_status} value (the core kind's code, or 1000+ for ABI statuses). */
  public int status() {
    return status;
  }
}
