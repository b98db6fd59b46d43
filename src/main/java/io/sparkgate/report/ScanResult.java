package io.sparkgate.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one scan: each object reported (in input order), how many objects were read
 * and how long the evaluation took.
 */
public record ScanResult(String policySetHash, List<ObjectOutcome> objects, int objectsRead, long nanos) {

  /** Counts by namespace ("" for cluster-scoped objects), then policy, then status; sorted. */
  public Map<String, Map<String, Map<ScanStatus, Integer>>> counts() {
    Map<String, Map<String, Map<ScanStatus, Integer>>> counts = new TreeMap<>();
    for (ObjectOutcome outcome : objects) {
      Map<String, Map<ScanStatus, Integer>> byPolicy = counts.computeIfAbsent(outcome.namespace(), n -> new TreeMap<>());
      for (Finding finding : outcome.findings()) {
        byPolicy.computeIfAbsent(finding.policy(), p -> new EnumMap<>(ScanStatus.class))
            .merge(finding.status(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Findings of each status over every object. */
  public Map<ScanStatus, Integer> totals() {
    Map<ScanStatus, Integer> totals = new EnumMap<>(ScanStatus.class);
    for (ScanStatus status : ScanStatus.values()) {
      totals.put(status, 0);
    }
    objects.forEach(outcome -> outcome.findings().forEach(f -> totals.merge(f.status(), 1, Integer::sum)));
    return totals;
  }

  public boolean anyFailure() {
    return objects.stream().anyMatch(outcome -> !outcome.allowed());
  }

  public double objectsPerSecond() {
    return nanos == 0 ? 0 : objectsRead * 1e9 / nanos;
  }
}
