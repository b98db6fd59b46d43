package io.sparkgate.audit.chargeback;

import java.time.Instant;
import java.util.List;

/**
 * Estimated cost per group and currency over a period, and every admitted application whose cost
 * has no bound (counted, never summed as zero).
 */
public record ChargebackReport(Period period, GroupBy by, List<Row> rows, List<Unbounded> unbounded, long skippedLines) {

  public ChargebackReport {
    rows = List.copyOf(rows);
    unbounded = List.copyOf(unbounded);
  }

  /**
   * @param micros the estimates summed, in micro-units of {@code currency}
   * @param runs the runs summed: admitted SparkApplications and the runs of ScheduledSparkApplications
   * @param unbounded the applications of the group whose cost has no bound
   */
  public record Row(String group, String currency, long micros, long runs, long unbounded) {}

  /** An admitted application whose cost has no bound, and why. */
  public record Unbounded(Instant time, String group, String namespace, String kind, String name, String reason) {}
}
