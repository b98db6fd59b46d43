package io.sparkgate.spark;

/** A text is not a memory size; the message reads {@code "<value>" is not a memory size: why}. */
public final class MemorySizeException extends SparkValueException {

  static final String EXPECTED =
      "use a number with b, k, m, g, t or p (Spark style) or Ki, Mi, Gi, Ti (Kubernetes)";
  static final String FRACTION =
      "Spark does not accept fractions, use a smaller unit (1536m, not 1.5g)";
  static final String TOO_LARGE = "it is more than 2^63-1 bytes";
  static final String NEGATIVE = "it is negative";

  MemorySizeException(String shownValue, String reason) {
    super(shownValue + " is not a memory size: " + reason);
  }
}
