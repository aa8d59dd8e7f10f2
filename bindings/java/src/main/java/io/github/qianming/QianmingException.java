package io.github.qianming;

import java.io.Serializable;
import java.util.Objects;

/**
 * A refusal from qianming (unchecked): bad input, a failed verification, a malformed answer or
 * a vendor's own refusal. {@link #kind()} is the stable name every binding of qianming uses
 * (e.g. {@code "empty_secret"}, {@code "replayed"}); {@link #getMessage()} carries the core's
 * detailed message; {@link #refusal()} what the vendor said, when it said no. Messages never
 * contain secrets.
 */
public final class QianmingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The stable kind name. */
  private final String kind;
  /** The {@code qm_status} value. */
  private final int status;
  /** The core's detailed message. */
  private final String detail;
  /** The vendor's refusal, or null. */
  private final Refusal refusal;

  /** What a vendor said when it refused a token request (a well-formed answer saying no). */
  public static final class Refusal implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The kind the vendor's answer maps to. */
    private final String kind;
    /** The vendor's code, or null. */
    private final String code;
    /** The vendor's message, or null. */
    private final String message;
    /** The Weaver batch key, or null. */
    private final String batchkey;

    /**
     * A vendor refusal.
     *
     * @param kind the kind the vendor's code or message maps to (as {@link QianmingException#kind()})
     * @param code the vendor's code as text, or null
     * @param message the vendor's message, or null
     * @param batchkey the Weaver {@code batchkey}, or null
     */
    public Refusal(String kind, String code, String message, String batchkey) {
      this.kind = kind;
      this.code = code;
      this.message = message;
      this.batchkey = batchkey;
    }

    /**
     * The kind the vendor's code or message maps to.
     *
     * @return e.g. {@code "vendor_error"}, {@code "appid_disabled"}, {@code "login_failed"}
     */
    public String kind() {
      return kind;
    }

    /**
     * The vendor's code as text.
     *
     * @return Kingdee {@code errcode}, Apusic {@code exit_code}, edge gateway {@code code}, or null
     */
    public String code() {
      return code;
    }

    /**
     * The vendor's message.
     *
     * @return Kingdee {@code description}, Weaver {@code msg}, Apusic {@code message}, or null
     */
    public String message() {
      return message;
    }

    /**
     * The Weaver {@code batchkey}.
     *
     * @return the batch key, or null
     */
    public String batchkey() {
      return batchkey;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Refusal)) {
        return false;
      }
      Refusal r = (Refusal) o;
      return Objects.equals(kind, r.kind) && Objects.equals(code, r.code)
          && Objects.equals(message, r.message) && Objects.equals(batchkey, r.batchkey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, code, message, batchkey);
    }

    @Override
    public String toString() {
      return "Refusal[kind=" + kind + ", code=" + code + ", message=" + message + ", batchkey="
          + batchkey + "]";
    }
  }

  QianmingException(int status, String detail, Refusal refusal) {
    super(message(status, detail, refusal));
    this.status = status;
    this.kind = NativeLib.qm_status_name(status);
    this.detail = detail == null || detail.isEmpty() ? NativeLib.qm_status_message(status) : detail;
    this.refusal = refusal;
  }

  /**
   * The refusal a {@link ReplayStore} raises when it already holds a ticket's key: kind {@code
   * replayed}. For store implementations.
   *
   * @param detail what happened, e.g. which store refused; nothing secret
   * @return the exception to throw
   */
  public static QianmingException replayed(String detail) {
    NativeLib.init();
    return new QianmingException(Scratch.REPLAYED, detail, null);
  }

  /**
   * The refusal a {@link ReplayStore} raises when it cannot be asked (connection refused,
   * timeout, an unexpected reply): kind {@code replay_store_unavailable}. The request must then
   * be refused, never accepted (fail closed). For store implementations.
   *
   * @param detail what failed; nothing secret
   * @param cause the store client's exception, or null
   * @return the exception to throw
   */
  public static QianmingException replayStoreUnavailable(String detail, Throwable cause) {
    NativeLib.init();
    QianmingException e = new QianmingException(Scratch.REPLAY_STORE_UNAVAILABLE, detail, null);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  private static String message(int status, String detail, Refusal refusal) {
    String text = detail == null || detail.isEmpty() ? NativeLib.qm_status_message(status) : detail;
    return NativeLib.qm_status_name(status) + ": " + text
        + (refusal == null ? "" : " (vendor code " + refusal.code() + ", message " + refusal.message() + ")");
  }

  /**
   * The stable snake_case kind, shared by every binding of qianming.
   *
   * @return e.g. {@code "empty_secret"}, {@code "replayed"}, {@code "invalid_unicode"}
   */
  public String kind() {
    return kind;
  }

  /**
   * The numeric {@code qm_status} value: the core kind's stable code, or 1000 and up for
   * statuses of the C ABI itself.
   *
   * @return the status, never 0
   */
  public int status() {
    return status;
  }

  /**
   * The core's detailed message, without the kind (e.g. {@code "the timestamp is 301000 ms old;
   * the window is 300000 ms"}).
   *
   * @return the detail, never empty
   */
  public String detail() {
    return detail;
  }

  /**
   * The vendor's refusal when a token answer said no.
   *
   * @return the refusal, or null (e.g. for a malformed answer or a bad argument)
   */
  public Refusal refusal() {
    return refusal;
  }
}
