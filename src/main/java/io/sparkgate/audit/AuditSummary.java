package io.sparkgate.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts decisions by outcome, policy and namespace, and the most frequent denial reasons (the
 * status message of denied responses).
 */
public final class AuditSummary {
  private static final String NO_NAMESPACE = "(cluster-scoped)";
  private static final String NO_MESSAGE = "(no message)";

  private long total;
  private long allowed;
  private long denied;
  private long dryRun;
  private long skippedLines;
  private final Map<String, Map<String, Long>> outcomesByPolicy = new TreeMap<>();
  private final Map<String, long[]> decisionsByNamespace = new TreeMap<>();
  private final Map<String, Long> denialReasons = new TreeMap<>();
  private final Map<String, Long> waivedByException = new TreeMap<>();
  private final Map<String, Long> warnedByNamespace = new TreeMap<>();

  public static AuditSummary of(List<Path> files, AuditQuery.Filter filter) throws IOException {
    AuditSummary summary = new AuditSummary();
    summary.skippedLines = AuditQuery.forEach(files, filter, e -> summary.add(e.record()));
    return summary;
  }

  public void add(AuditRecord r) {
    total++;
    if (r.allowed()) {
      allowed++;
    } else {
      denied++;
      String reason = r.statusMessage() == null || r.statusMessage().isBlank() ? NO_MESSAGE : r.statusMessage();
      denialReasons.merge(reason, 1L, Long::sum);
    }
    if (r.dryRun()) {
      dryRun++;
    }
    for (PolicyOutcome p : r.policies()) {
      outcomesByPolicy.computeIfAbsent(String.valueOf(p.policy()), k -> new TreeMap<>())
          .merge(String.valueOf(p.outcome()), 1L, Long::sum);
      if (p.waived()) {
        waivedByException.merge(p.exception(), 1L, Long::sum);
      } else if (p.warnMode()) {
        warnedByNamespace.merge(r.namespace() == null || r.namespace().isEmpty() ? NO_NAMESPACE : r.namespace(),
            1L, Long::sum);
      }
    }
    String ns = r.namespace() == null || r.namespace().isEmpty() ? NO_NAMESPACE : r.namespace();
    decisionsByNamespace.computeIfAbsent(ns, k -> new long[2])[r.allowed() ? 0 : 1]++;
  }

  public long total() { return total; }
  public long allowed() { return allowed; }
  public long denied() { return denied; }
  public long dryRun() { return dryRun; }
  public long skippedLines() { return skippedLines; }
  public Map<String, Map<String, Long>> outcomesByPolicy() { return outcomesByPolicy; }
  public Map<String, Long> denialReasons() { return denialReasons; }
  /** Violations allowed with a warning, by the SparkPolicyException ({@code namespace/name}) that waived them. */
  public Map<String, Long> waivedByException() { return waivedByException; }
  /** Violations a tenant's Warn mode let through, by the tenant's namespace. */
  public Map<String, Long> warnedByNamespace() { return warnedByNamespace; }

  /** Denial reasons, most frequent first (ties alphabetically), at most {@code top}. */
  public List<Map.Entry<String, Long>> topDenialReasons(int top) {
    return denialReasons.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .toList();
  }

  public String render(int top) {
    StringBuilder sb = new StringBuilder();
    sb.append("Decisions: ").append(total).append(" (allowed ").append(allowed).append(", denied ").append(denied)
        .append(", dry-run ").append(dryRun).append(")\n");

    sb.append("\nBy policy:\n");
    TreeSet<String> outcomes = new TreeSet<>();
    outcomesByPolicy.values().forEach(m -> outcomes.addAll(m.keySet()));
    String[] header = new String[outcomes.size() + 1];
    header[0] = "POLICY";
    int i = 1;
    for (String o : outcomes) {
      header[i++] = o.toUpperCase(Locale.ROOT);
    }
    TextTable policies = new TextTable(header);
    outcomesByPolicy.forEach((policy, counts) -> {
      Object[] row = new Object[header.length];
      row[0] = policy;
      int j = 1;
      for (String o : outcomes) {
        row[j++] = counts.getOrDefault(o, 0L);
      }
      policies.add(row);
    });
    sb.append(indent(policies.render()));

    sb.append("\nBy namespace:\n");
    TextTable namespaces = new TextTable("NAMESPACE", "ALLOWED", "DENIED");
    decisionsByNamespace.forEach((ns, c) -> namespaces.add(ns, c[0], c[1]));
    sb.append(indent(namespaces.render()));

    if (!waivedByException.isEmpty()) {
      sb.append("\nWaived violations by exception:\n");
      TextTable waived = new TextTable("EXCEPTION", "WAIVED");
      waivedByException.forEach(waived::add);
      sb.append(indent(waived.render()));
    }
    if (!warnedByNamespace.isEmpty()) {
      sb.append("\nWarn-mode violations by tenant namespace:\n");
      TextTable warned = new TextTable("NAMESPACE", "WOULD HAVE BEEN DENIED");
      warnedByNamespace.forEach(warned::add);
      sb.append(indent(warned.render()));
    }

    sb.append("\nTop denial reasons:\n");
    TextTable reasons = new TextTable("COUNT", "REASON");
    for (Map.Entry<String, Long> e : topDenialReasons(top)) {
      reasons.add(e.getValue(), TextTable.abbreviate(e.getKey(), 120));
    }
    sb.append(indent(reasons.render()));
    return sb.toString();
  }

  private static String indent(String block) {
    return block.lines().map(l -> "  " + l).reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'),
        StringBuilder::append).toString();
  }
}
