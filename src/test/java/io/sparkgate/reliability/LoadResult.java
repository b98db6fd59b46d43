package io.sparkgate.reliability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.ConcurrentHistogram;

/** What a load run saw: answers by status, failures, and the latency distribution. */
final class LoadResult {
  private final ConcurrentHistogram latencies = new ConcurrentHistogram(3);
  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<LoadDriver.Answer> odd = new ConcurrentLinkedQueue<>();
  private java.util.function.Predicate<LoadDriver.Answer> expected = answer -> true;
  private long elapsedNanos;

  LoadResult expecting(java.util.function.Predicate<LoadDriver.Answer> predicate) {
    this.expected = predicate;
    return this;
  }

  void record(LoadDriver.Answer answer) {
    latencies.recordValue(Math.max(1, answer.nanos() / 1_000));
    synchronized (statuses) {
      statuses.merge(answer.status(), 1L, Long::sum);
    }
    if (answer.status() == 0) {
      failures.add(answer.failure());
    }
    if (!expected.test(answer) && odd.size() < 20) {
      odd.add(answer);
    }
  }

  /** Adds another run's answers (their latencies, statuses and failures) to this one. */
  void add(LoadResult other) {
    latencies.add(other.latencies);
    synchronized (statuses) {
      other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
    }
    failures.addAll(other.failures);
    odd.addAll(other.odd);
    elapsedNanos += other.elapsedNanos;
  }

  void finish(long nanos) {
    elapsedNanos = nanos;
  }

  long count() {
    return latencies.getTotalCount();
  }

  double perSecond() {
    return count() / (elapsedNanos / 1e9);
  }

  long status(int status) {
    synchronized (statuses) {
      return statuses.getOrDefault(status, 0L);
    }
  }

  long serverErrors() {
    synchronized (statuses) {
      return statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    }
  }

  long failures() {
    return status(0);
  }

  double maxMillis() {
    return latencies.getMaxValue() / 1000.0;
  }

  double percentileMillis(double percentile) {
    return latencies.getValueAtPercentile(percentile) / 1000.0;
  }

  java.util.List<String> failureSamples() {
    return failures.stream().limit(5).toList();
  }

  java.util.List<LoadDriver.Answer> unexpected() {
    return java.util.List.copyOf(odd);
  }

  @Override
  public String toString() {
    synchronized (statuses) {
      return String.format("%d requests in %.1f s (%.0f/s), statuses %s, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          count(), elapsedNanos / 1e9, perSecond(), new TreeMap<>(statuses), percentileMillis(50),
          percentileMillis(99), maxMillis());
    }
  }
}
