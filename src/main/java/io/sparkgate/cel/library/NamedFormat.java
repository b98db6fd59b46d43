package io.sparkgate.cel.library;

import java.util.List;
import java.util.function.Function;

/**
 * A named string format of {@code format.named()} (CEL type {@code kubernetes.NamedFormat}).
 * Two formats are equal when their names are.
 */
public final class NamedFormat {

  private final String name;
  private final Function<String, List<String>> validator;

  NamedFormat(String name, Function<String, List<String>> validator) {
    this.name = name;
    this.validator = validator;
  }

  public String name() {
    return name;
  }

  /** Kubernetes' messages for what is wrong with the value; empty when it is valid. */
  public List<String> validate(String value) {
    return validator.apply(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedFormat other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
