package io.github.qianming;

import java.util.Objects;

/**
 * A name and a value: a query parameter, an extra header to sign, a received header, an
 * attribute. For an extra header to sign, a null value means "named without a value" (refused
 * with {@code missing_header_value}); elsewhere values must not be null. Immutable.
 */
public final class Pair {
  private final String name;
  private final String value;

  /**
   * A pair.
   *
   * @param name the name (not null)
   * @param value the value (null only in an extra header to sign)
   */
  public Pair(String name, String value) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = value;
  }

  /**
   * A pair (same as the constructor, shorter in lists).
   *
   * @param name the name (not null)
   * @param value the value
   * @return the pair
   */
  public static Pair of(String name, String value) {
    return new Pair(name, value);
  }

  /**
   * The name.
   *
   * @return the name, e.g. a header name
   */
  public String name() {
    return name;
  }

  /**
   * The value.
   *
   * @return the value (null only for an extra header to sign named without a value)
   */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Pair)) {
      return false;
    }
    Pair p = (Pair) o;
    return name.equals(p.name) && Objects.equals(value, p.value);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return name + "=" + value;
  }
}
