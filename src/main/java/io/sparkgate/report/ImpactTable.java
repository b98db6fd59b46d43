package io.sparkgate.report;

import java.io.PrintWriter;

/** The impact of a policy change for a person: counts per namespace and team, each change, the summary line. */
public final class ImpactTable {
  private ImpactTable() {}

  public static void write(Impact impact, PrintWriter out) {
    out.printf("%-40s %8s %8s %8s %8s %8s%n", "NAMESPACE (TEAM)", "DENIED", "ALLOWED", "+WARN", "-WARN", "PATCH");
    impact.byNamespaceAndTeam().forEach((key, counts) -> out.printf("%-40s %8d %8d %8d %8d %8d%n", key,
        counts.getOrDefault(Impact.Kind.NEWLY_DENIED, 0), counts.getOrDefault(Impact.Kind.NEWLY_ALLOWED, 0),
        counts.getOrDefault(Impact.Kind.NEW_WARNING, 0), counts.getOrDefault(Impact.Kind.GONE_WARNING, 0),
        counts.getOrDefault(Impact.Kind.CHANGED_PATCH, 0)));
    for (Impact.Change change : impact.changes()) {
      out.printf("%s: %s (team %s): %s%n", change.kind().text(), change.object().displayName(), change.team(),
          change.detail());
    }
    out.println();
    out.println(impact.summaryLine());
  }
}
