package io.sparkgate.audit;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A log line at most once a second, with the count of the lines left out since the last one. For
 * failures that hit every request (a full audit disk): thousands of lines a second would be an
 * outage of their own, on a disk that may be the full one.
 */
public final class ThrottledLog {
  private static final long PERIOD_NANOS = 1_000_000_000L;

  private final Logger log;
  private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  public ThrottledLog(Logger log) {
    this.log = log;
  }

  /** Logs {@code message} (with its one argument) as a warning, unless a line went out less than a second ago. */
  public void warn(String message, Object argument) {
    if (due()) {
      log.warn(message + " ({} more since the last report)", argument, suppressed.getAndSet(0));
    }
  }

  /** As {@link #warn}, at error level. */
  public void error(String message, Object first, Object second) {
    if (due()) {
      log.error(message + " ({} more since the last report)", first, second, suppressed.getAndSet(0));
    }
  }

  private boolean due() {
    long now = System.nanoTime();
    long next = nextNanos.get();
    if (now - next >= 0 && nextNanos.compareAndSet(next, now + PERIOD_NANOS)) {
      return true;
    }
    suppressed.incrementAndGet();
    return false;
  }
}
