package io.sparkgate.spark;

/**
 * Spark's memory overhead rule on Kubernetes (BasicDriverFeatureStep, ResourceProfile): an
 * explicit {@code memoryOverhead} wins; otherwise {@code max(factor × memory, floor)} in MiB,
 * where the product is truncated to a whole MiB and to int32 (Scala's {@code toInt}).
 */
final class MemoryOverhead {

  /** ResourceProfile.MEMORY_OVERHEAD_MIN_MIB; Spark 4 makes it {@code spark.*.minMemoryOverhead}. */
  static final long DEFAULT_FLOOR_MIB = 384;

  static final double JVM_FACTOR = 0.10;
  static final double NON_JVM_FACTOR = 0.40;

  private MemoryOverhead() {}

  static long mebibytes(long memoryMiB, double factor, long floorMiB) {
    double product = factor * memoryMiB;
    long truncated = product >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (long) product;
    return Math.max(truncated, floorMiB);
  }
}
