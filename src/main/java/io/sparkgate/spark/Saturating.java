package io.sparkgate.spark;

/** Sums and products of non-negative sizes that stop at int64's maximum instead of wrapping. */
final class Saturating {

  private Saturating() {}

  static long add(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  static long multiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) || (high == -1 && low < 0) ? low : Long.MAX_VALUE;
  }
}
