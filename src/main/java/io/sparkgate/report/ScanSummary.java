package io.sparkgate.report;

import java.util.Map;

/** The one-line summary every output format ends with or carries. */
public final class ScanSummary {
  private ScanSummary() {}

  public static String line(ScanResult result) {
    long denied = result.objects().stream().filter(outcome -> !outcome.allowed()).count();
    Map<ScanStatus, Integer> totals = result.totals();
    return String.format("%d objects scanned, %d would be denied; findings: %d fail, %d warn, %d error, %d waived, %d pass",
        result.objects().size(), denied, totals.get(ScanStatus.FAIL), totals.get(ScanStatus.WARN),
        totals.get(ScanStatus.ERROR), totals.get(ScanStatus.WAIVED), totals.get(ScanStatus.PASS));
  }

  public static String stats(ScanResult result) {
    return String.format("scanned %d objects in %.3f s (%.0f objects/s)", result.objectsRead(), result.nanos() / 1e9,
        result.objectsPerSecond());
  }
}
