package io.sparkgate.bench;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open loop at a constant rate until stopped: each request is due at its own time and its
 * latency counts from then. {@link #interval} hands over what was measured since the last call.
 */
final class ConstantLoad implements AutoCloseable {
  /** What the load measured between two calls of {@link #interval}. */
  record Interval(long requests, long errors, Histogram latencyNanos) {
    double percentileMillis(double percentile) {
      return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getValueAtPercentile(percentile) / 1e6;
    }

    double maxMillis() {
      return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getMaxValue() / 1e6;
    }
  }

  private static final long HIGHEST_NANOS = 120_000_000_000L;

  private final Vertx vertx;
  private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong issued = new AtomicLong();
  private final long timer;
  private Histogram recycled;

  ConstantLoad(Vertx vertx, LoadGenerator generator, Workload workload, double perSecond, long timeoutMillis) {
    this.vertx = vertx;
    double intervalNanos = 1e9 / perSecond;
    long start = System.nanoTime();
    this.timer = vertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      while (start + (long) (issued.get() * intervalNanos) <= now) {
        long index = issued.getAndIncrement();
        long due = start + (long) (index * intervalNanos);
        generator.send(workload.get(index), timeoutMillis).onComplete(result -> {
          recorder.recordValue(Math.min(HIGHEST_NANOS, Math.max(1, System.nanoTime() - due)));
          if (result.failed() || result.result() != 200) {
            errors.incrementAndGet();
          }
        });
      }
    });
  }

  synchronized Interval interval() {
    recycled = recorder.getIntervalHistogram(recycled);
    Histogram copy = recycled.copy();
    return new Interval(copy.getTotalCount(), errors.getAndSet(0), copy);
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
