package io.sparkgate.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for a condition; fails with the description when it does not come true in time. */
final class Await {
  private Await() {}

  static void until(String description, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toMillis() + " ms: " + description);
      }
      Thread.sleep(20);
    }
  }
}
