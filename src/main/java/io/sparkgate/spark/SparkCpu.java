package io.sparkgate.spark;

import io.sparkgate.cel.library.Quantity;
import io.sparkgate.cel.library.QuantityFormatException;
import java.math.BigDecimal;

/**
 * CPU amounts as Spark and Kubernetes write them ({@code "1200m"}, {@code "1"}, {@code "0.5"},
 * {@code 2}, {@code 1.5}) in millicores. Strings are Kubernetes quantities, read by {@link
 * Quantity}; a fraction of a millicore rounds up, as Kubernetes' {@code MilliValue} does.
 */
public final class SparkCpu {

  private SparkCpu() {}

  /**
   * The millicores of a string, int or double.
   *
   * @throws SparkValueException (message {@code <value> is not a CPU amount: why}) for anything
   *     else, negative amounts, and amounts beyond int64 millicores
   */
  public static long millicores(Object value) {
    if (value instanceof String text) {
      return millicores(ValueText.quote(text), parse(text));
    }
    if (value instanceof Long number) {
      return millicores(number.toString(), Quantity.of(number));
    }
    if (value instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        throw invalid(number.toString(), "it is not a finite number");
      }
      return millicores(number.toString(), parse(BigDecimal.valueOf(number).toPlainString()));
    }
    throw invalid(ValueText.show(value), "use a string such as \"1200m\" or \"0.5\", or a number");
  }

  private static Quantity parse(String text) {
    try {
      return Quantity.parse(text);
    } catch (QuantityFormatException e) {
      throw invalid(ValueText.quote(text), "use a Kubernetes quantity such as \"1200m\", \"1\" or \"0.5\"");
    }
  }

  private static long millicores(String shown, Quantity quantity) {
    if (quantity.sign() < 0) {
      throw invalid(shown, "it is negative");
    }
    try {
      return quantity.millis();
    } catch (ArithmeticException e) {
      throw invalid(shown, "it is more than 2^63-1 millicores");
    }
  }

  private static SparkValueException invalid(String shown, String reason) {
    return new SparkValueException(shown + " is not a CPU amount: " + reason);
  }
}
