package io.sparkgate.report;

import java.io.PrintWriter;

/** The scan for a person: counts per namespace and policy, then each violation with its message. */
public final class ScanTable {
  private static final ScanStatus[] COLUMNS = ScanStatus.values();

  private ScanTable() {}

  public static void write(ScanResult result, PrintWriter out) {
    StringBuilder header = new StringBuilder(String.format("%-24s %-36s", "NAMESPACE", "POLICY"));
    for (ScanStatus status : COLUMNS) {
      header.append(String.format(" %7s", status.name()));
    }
    out.println(header);
    result.counts().forEach((namespace, byPolicy) -> byPolicy.forEach((policy, counts) -> {
      StringBuilder row = new StringBuilder(String.format("%-24s %-36s",
          namespace.isEmpty() ? "(cluster)" : namespace, policy));
      for (ScanStatus status : COLUMNS) {
        row.append(String.format(" %7d", counts.getOrDefault(status, 0)));
      }
      out.println(row);
    }));
    boolean first = true;
    for (ObjectOutcome outcome : result.objects()) {
      for (Finding finding : outcome.findings()) {
        if (finding.status() == ScanStatus.PASS || finding.status() == ScanStatus.SKIP) {
          continue;
        }
        if (first) {
          out.println();
          first = false;
        }
        out.printf("%-6s %s %s: %s%n", finding.status().name(), outcome.displayName(), finding.policy(),
            finding.message());
      }
    }
    out.println();
    out.println(ScanSummary.line(result));
  }
}
