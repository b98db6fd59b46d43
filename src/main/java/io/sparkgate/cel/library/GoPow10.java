package io.sparkgate.cel.library;

/**
 * Go's {@code math.Pow10}, whose exact table-driven rounding decides the digits of Kubernetes'
 * {@code asApproximateFloat()}.
 */
final class GoPow10 {

  private static final double[] SMALL = new double[32]; // 1e0 … 1e31
  private static final double[] POSITIVE_32 = new double[10]; // 1e0, 1e32, … 1e288
  private static final double[] NEGATIVE_32 = new double[11]; // 1e-0, 1e-32, … 1e-320

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = Double.parseDouble("1e" + i);
    }
    for (int i = 0; i < POSITIVE_32.length; i++) {
      POSITIVE_32[i] = Double.parseDouble("1e" + (32 * i));
    }
    for (int i = 0; i < NEGATIVE_32.length; i++) {
      NEGATIVE_32[i] = Double.parseDouble("1e-" + (32 * i));
    }
  }

  private GoPow10() {}

  static double pow10(long n) {
    if (n >= 0 && n <= 308) {
      return POSITIVE_32[(int) n / 32] * SMALL[(int) n % 32];
    }
    if (n >= -323 && n <= 0) {
      return NEGATIVE_32[(int) -n / 32] / SMALL[(int) -n % 32];
    }
    return n > 0 ? Double.POSITIVE_INFINITY : 0;
  }
}
