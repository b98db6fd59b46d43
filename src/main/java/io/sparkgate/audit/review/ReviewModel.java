package io.sparkgate.audit.review;

import io.sparkgate.audit.AuditQuery;
import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.AuditSummary;
import io.sparkgate.audit.ChainReport;
import io.sparkgate.audit.PolicyOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the review page shows, computed once from the audit files: the totals (the same
 * {@link AuditSummary} as {@code audit summary}), decisions per hour, denials by namespace (a team's
 * namespace) and by policy, the latest denials, and each instance's verification.
 */
public final class ReviewModel {
  static final int LATEST_DENIALS = 50;

  private final AuditSummary summary;
  private final Map<Instant, long[]> perHour = new TreeMap<>();
  private final Map<String, Long> deniedByNamespace = new TreeMap<>();
  private final Map<String, Long> deniedByPolicy = new TreeMap<>();
  private final List<AuditRecord> records = new ArrayList<>();
  private final List<ChainReport> verification;
  private final Instant loadedAt;

  private ReviewModel(AuditSummary summary, List<ChainReport> verification, Instant loadedAt) {
    this.summary = summary;
    this.verification = List.copyOf(verification);
    this.loadedAt = loadedAt;
  }

  public static ReviewModel load(List<Path> files, List<ChainReport> verification) throws IOException {
    ReviewModel model = new ReviewModel(AuditSummary.of(files, AuditQuery.Filter.any()), verification, Instant.now());
    AuditQuery.forEach(files, AuditQuery.Filter.any(), entry -> model.add(entry.record()));
    model.records.sort(Comparator.comparing(AuditRecord::time).reversed());
    return model;
  }

  private void add(AuditRecord r) {
    records.add(r);
    long[] hour = perHour.computeIfAbsent(r.time().truncatedTo(ChronoUnit.HOURS), h -> new long[2]);
    hour[r.allowed() ? 0 : 1]++;
    if (!r.allowed()) {
      deniedByNamespace.merge(r.namespace() == null ? "(cluster-scoped)" : r.namespace(), 1L, Long::sum);
      for (PolicyOutcome p : r.policies()) {
        if ("fail".equals(p.outcome()) || "error".equals(p.outcome())) {
          deniedByPolicy.merge(p.policy(), 1L, Long::sum);
        }
      }
    }
  }

  public AuditSummary summary() { return summary; }
  public Map<Instant, long[]> perHour() { return perHour; }
  public Map<String, Long> deniedByNamespace() { return deniedByNamespace; }
  public Map<String, Long> deniedByPolicy() { return deniedByPolicy; }
  public List<ChainReport> verification() { return verification; }
  public Instant loadedAt() { return loadedAt; }

  public List<AuditRecord> latestDenials() {
    return records.stream().filter(r -> !r.allowed()).limit(LATEST_DENIALS).toList();
  }

  /** Decisions whose uid, namespace or name (the Spark application) contains {@code text}, newest first. */
  public List<AuditRecord> search(String text, int limit) {
    String needle = text.toLowerCase(Locale.ROOT);
    return records.stream()
        .filter(r -> contains(r.uid(), needle) || contains(r.namespace(), needle) || contains(r.name(), needle))
        .limit(limit)
        .toList();
  }

  private static boolean contains(String value, String needle) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
  }
}
