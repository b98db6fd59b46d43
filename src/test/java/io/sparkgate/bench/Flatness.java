package io.sparkgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a series measured over a soak stayed flat: the mean of its last window (the last 10
 * minutes of an hour) is within 10 % of the mean of its early window (minutes 5 to 15, after
 * warm-up), or within an absolute slack for series that sit near zero. Both windows scale with
 * the run's length, so a 20 s run compares seconds 1.7-5 with seconds 16.7-20.
 */
record Flatness(double tolerance, double absoluteSlack) {
  static final double EARLY_FROM = 5.0 / 60;
  static final double EARLY_TO = 15.0 / 60;
  static final double LATE_FROM = 50.0 / 60;

  /** One timed value: {@code at} is the time since the soak's load started. */
  record Point(Duration at, double value) {}

  /** The verdict on one series. */
  record Verdict(boolean flat, double earlyMean, double lateMean, String reason) {}

  Verdict judge(List<Point> series, Duration length) {
    List<Double> early = window(series, length, EARLY_FROM, EARLY_TO);
    List<Double> late = window(series, length, LATE_FROM, 1.0);
    if (early.isEmpty() || late.isEmpty()) {
      return new Verdict(false, Double.NaN, Double.NaN,
          "too few samples: sample more often than every " + length.multipliedBy(10).dividedBy(60).toMillis() + " ms");
    }
    double earlyMean = mean(early);
    double lateMean = mean(late);
    double allowed = Math.max(Math.abs(earlyMean) * tolerance, absoluteSlack);
    boolean flat = Math.abs(lateMean - earlyMean) <= allowed;
    return new Verdict(flat, earlyMean, lateMean, String.format("%s by %.2f (allowed %.2f)",
        lateMean >= earlyMean ? "up" : "down", Math.abs(lateMean - earlyMean), allowed));
  }

  private static List<Double> window(List<Point> series, Duration length, double from, double to) {
    double lengthNanos = length.toNanos();
    List<Double> values = new ArrayList<>();
    for (Point point : series) {
      double at = point.at().toNanos() / lengthNanos;
      if (at >= from && at <= to + 1e-9 && !Double.isNaN(point.value())) {
        values.add(point.value());
      }
    }
    return values;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
