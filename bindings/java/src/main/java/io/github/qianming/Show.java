package io.github.qianming;

/**
 * The {@code toString} of the value classes, {@code Name[key=value, …]}, with secrets shown as
 * {@link #REDACTED} so that a logged value never carries a token or a password.
 */
final class Show {
  private Show() {}

  static final String REDACTED = "** redacted **";

  /**
   * A secret as {@code toString} shows it.
   *
   * @return {@link #REDACTED} when the secret is present, null when it is absent
   */
  static String secret(Object value) {
    return value == null ? null : REDACTED;
  }

  /** {@code name[k1=v1, k2=v2, …]}; a null key shows its value alone. */
  static String of(String name, Object... keysAndValues) {
    StringBuilder b = new StringBuilder(name).append('[');
    for (int i = 0; i < keysAndValues.length; i += 2) {
      b.append(i == 0 ? "" : ", ");
      if (keysAndValues[i] != null) {
        b.append(keysAndValues[i]).append('=');
      }
      b.append(keysAndValues[i + 1]);
    }
    return b.append(']').toString();
  }
}
