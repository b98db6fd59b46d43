package io.sparkgate.audit.chargeback;

import io.sparkgate.audit.AuditQuery;
import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.RunCost;
import io.sparkgate.spark.SparkSchedule;
import io.sparkgate.spark.SparkValueException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sums the estimates the audit log records for admitted Spark application CREATEs (dry runs left
 * out, a request recorded twice counted once):
 *
 * <ul>
 *   <li>a SparkApplication admitted in the period counts one run;
 *   <li>a ScheduledSparkApplication counts the runs its schedule makes in the period, from its
 *       creation until the period ends or the same name is created again, enumerated in its time
 *       zone;
 *   <li>a SparkApplication the operator created for a ScheduledSparkApplication whose CREATE is in
 *       the log is one of those runs and is not counted again;
 *   <li>an application whose cost has no bound is listed and counted apart, never summed.
 * </ul>
 */
public final class Chargeback {
  private static final String SCHEDULED_KIND = "ScheduledSparkApplication";

  private final Period period;
  private final GroupBy by;
  private final Map<String, AuditRecord> admitted = new LinkedHashMap<>();

  public Chargeback(Period period, GroupBy by) {
    this.period = period;
    this.by = by;
  }

  /** The chargeback of the decision records in these log files (in chain order). */
  public static ChargebackReport of(List<Path> files, Period period, GroupBy by) throws IOException {
    Chargeback chargeback = new Chargeback(period, by);
    AuditQuery.Filter upToTheEnd = new AuditQuery.Filter(null, null, null, null, null, AuditQuery.Decision.ALLOWED,
        null, period.to());
    long skipped = AuditQuery.forEach(files, upToTheEnd, entry -> chargeback.add(entry.record()));
    return chargeback.report(skipped);
  }

  /** Takes a record into account if it is an admitted CREATE that carries a cost. */
  public void add(AuditRecord record) {
    if (record.cost() != null && record.allowed() && !record.dryRun() && "CREATE".equals(record.operation())) {
      admitted.putIfAbsent(record.uid(), record);
    }
  }

  public ChargebackReport report(long skippedLines) {
    Set<String> schedules = new HashSet<>();
    Map<String, List<AuditRecord>> createsByName = new HashMap<>();
    for (AuditRecord record : admitted.values()) {
      if (isScheduled(record)) {
        schedules.add(record.namespace() + "/" + record.name());
        createsByName.computeIfAbsent(record.namespace() + "/" + record.name(), k -> new ArrayList<>()).add(record);
      }
    }
    Map<String, long[]> totals = new TreeMap<>();
    List<ChargebackReport.Unbounded> unbounded = new ArrayList<>();
    for (AuditRecord record : admitted.values()) {
      RunCost cost = record.cost();
      long runs;
      if (isScheduled(record)) {
        Period window = period.overlap(record.time(), recreated(record, createsByName));
        if (window == null) {
          continue;
        }
        if (!cost.bounded()) {
          unbounded.add(unbounded(record, cost.unbounded()));
          totals.computeIfAbsent(key(record), k -> new long[3])[2]++;
          continue;
        }
        try {
          runs = SparkSchedule.parse(cost.schedule(), cost.timeZone(), "spec.schedule")
              .runsBetween(window.from(), window.to(), record.time());
        } catch (SparkValueException e) {
          unbounded.add(unbounded(record, e.getMessage()));
          totals.computeIfAbsent(key(record), k -> new long[3])[2]++;
          continue;
        }
      } else {
        boolean runOfKnownSchedule = cost.scheduledBy() != null
            && schedules.contains(record.namespace() + "/" + cost.scheduledBy());
        if (!period.contains(record.time()) || runOfKnownSchedule) {
          continue;
        }
        if (!cost.bounded()) {
          unbounded.add(unbounded(record, cost.unbounded()));
          totals.computeIfAbsent(key(record), k -> new long[3])[2]++;
          continue;
        }
        runs = 1;
      }
      long[] total = totals.computeIfAbsent(key(record), k -> new long[3]);
      total[0] = Math.addExact(total[0], Math.multiplyExact(cost.perRunMicros(), runs));
      total[1] = Math.addExact(total[1], runs);
    }
    List<ChargebackReport.Row> rows = new ArrayList<>();
    totals.forEach((key, total) -> {
      int split = key.indexOf('\0');
      rows.add(new ChargebackReport.Row(key.substring(0, split), key.substring(split + 1), total[0], total[1], total[2]));
    });
    unbounded.sort(Comparator.comparing(ChargebackReport.Unbounded::time));
    return new ChargebackReport(period, by, rows, unbounded, skippedLines);
  }

  private static boolean isScheduled(AuditRecord record) {
    return SCHEDULED_KIND.equals(record.kind().kind()) && record.cost().schedule() != null;
  }

  /** When the same ScheduledSparkApplication name was next created (so the earlier one was deleted), or null. */
  private static Instant recreated(AuditRecord record, Map<String, List<AuditRecord>> createsByName) {
    Instant next = null;
    for (AuditRecord other : createsByName.get(record.namespace() + "/" + record.name())) {
      if (other.time().isAfter(record.time()) && (next == null || other.time().isBefore(next))) {
        next = other.time();
      }
    }
    return next;
  }

  private String key(AuditRecord record) {
    return by.of(record) + '\0' + record.cost().currency();
  }

  private ChargebackReport.Unbounded unbounded(AuditRecord record, String reason) {
    return new ChargebackReport.Unbounded(record.time(), by.of(record), record.namespace(), record.kind().kind(),
        record.name(), reason);
  }
}
