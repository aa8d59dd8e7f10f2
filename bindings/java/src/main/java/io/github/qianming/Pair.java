package qianming;

/**
 * A name and a value: a query parameter, an extra header to sign or a received header. For an
 * extra header to sign, a {@code null} value means "named without a value" (refused with
 * {@code missing_header_value}); elsewhere values must not be null.
 */
public record Pair(String name, String value) {
  public Pair {
    java.util.Objects.requireNonNull(name, "name");
  }
}
