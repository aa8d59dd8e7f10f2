package io.github.qianming;

import java.util.Arrays;
import java.util.Objects;

/**
 * The base of the small immutable result classes: {@code equals}, {@code hashCode} and {@code
 * toString} made once from the fields each class lists in {@link #fields()}, instead of written
 * out in every class. Two values are equal when they are of the same class and their fields are
 * equal in order; the hash is that of {@link Objects#hash} over the field values; {@code
 * toString} is {@link Show#of} of the simple class name and the fields, a {@link #secret} shown
 * as {@link Show#REDACTED}.
 */
abstract class Value {
  /**
   * The fields, in the order {@code toString} shows them.
   *
   * @return name, value, name, value, …; a secret value wrapped with {@link #secret}
   */
  abstract Object[] fields();

  /**
   * A secret field: compared and hashed by its value, never shown.
   *
   * @param value the secret (may be null)
   * @return the wrapped value, for {@link #fields()}
   */
  static Object secret(Object value) {
    return new Secret(value);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(fields(), ((Value) o).fields());
  }

  @Override
  public final int hashCode() {
    Object[] fields = fields();
    Object[] values = new Object[fields.length / 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = fields[2 * i + 1];
    }
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Show.of(getClass().getSimpleName(), fields());
  }

  /** A secret field value (see {@link #secret}). */
  private static final class Secret {
    private final Object value;

    Secret(Object value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Secret && Objects.equals(value, ((Secret) o).value);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(value);
    }

    @Override
    public String toString() {
      return Show.secret(value);
    }
  }
}
