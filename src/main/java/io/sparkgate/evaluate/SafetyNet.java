package io.sparkgate.evaluate;

import java.util.function.LongSupplier;

/**
 * The last-resort wall-clock limit on one request's evaluation, far above what the cost limits
 * allow on a healthy machine: it stops a request only when the machine is so starved that the
 * webhook would time out anyway. {@link #OFF} for offline commands, whose answers never depend
 * on time.
 */
public final class SafetyNet {
  /** The server's default: half of the API server's default webhook timeout of 10 s. */
  public static final long DEFAULT_LIMIT_NANOS = 5_000_000_000L;
  public static final SafetyNet OFF = new SafetyNet(Long.MAX_VALUE, () -> 0L, () -> { });

  private final long limitNanos;
  private final LongSupplier nanoTime;
  private final Runnable onFire;

  /**
   * @param nanoTime the clock ({@code System::nanoTime}; tests slow it down)
   * @param onFire called once for each request the net stops (counted in a metric)
   */
  public SafetyNet(long limitNanos, LongSupplier nanoTime, Runnable onFire) {
    if (limitNanos <= 0) {
      throw new IllegalArgumentException("the evaluation deadline must be positive, got " + limitNanos + " ns");
    }
    this.limitNanos = limitNanos;
    this.nanoTime = nanoTime;
    this.onFire = onFire;
  }

  /** The deadline of a request whose evaluation starts now. */
  public Deadline start() {
    return this == OFF ? Deadline.NONE : new Deadline(this, nanoTime.getAsLong());
  }

  long limitNanos() {
    return limitNanos;
  }

  long now() {
    return nanoTime.getAsLong();
  }

  void fired() {
    onFire.run();
  }
}
