package io.sparkgate.warmup;

import java.time.Duration;

/**
 * How long the warm-up may run, and after how many answered requests it may stop sooner
 * ({@link Long#MAX_VALUE}: only the time bounds it). Zero time: no warm-up.
 */
public record WarmupBudget(Duration time, long maxRequests) {
  public static final WarmupBudget OFF = new WarmupBudget(Duration.ZERO, 0);

  public WarmupBudget {
    if (time.isNegative() || maxRequests < 0) {
      throw new IllegalArgumentException("a warm-up budget cannot be negative");
    }
  }

  public static WarmupBudget of(Duration time) {
    return new WarmupBudget(time, Long.MAX_VALUE);
  }

  public boolean off() {
    return time.isZero() || maxRequests == 0;
  }
}
