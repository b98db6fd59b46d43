package io.sparkgate.audit;

import io.sparkgate.admission.GroupVersionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads decision records from log files and filters them. Query does not verify the chain: run
 * {@link AuditVerifier} first when the answer must be trustworthy.
 */
public final class AuditQuery {
  private AuditQuery() {}

  public enum Decision {
    ALLOWED, DENIED
  }

  /**
   * Conditions that all must hold; null means "any".
   *
   * @param kind either a kind name ({@code SparkApplication}, case-insensitive) or
   *     {@code apiVersion/Kind} ({@code sparkoperator.k8s.io/v1beta2/SparkApplication}, {@code v1/Pod})
   * @param user the requesting username
   * @param policy the name of a policy that took part in the decision
   * @param since inclusive lower bound of the decision time
   * @param until exclusive upper bound of the decision time
   */
  public record Filter(String namespace, String name, String kind, String user, String policy, Decision decision,
      Instant since, Instant until) {

    public static Filter any() {
      return new Filter(null, null, null, null, null, null, null, null);
    }

    public boolean matches(AuditRecord r) {
      return (namespace == null || namespace.equals(r.namespace()))
          && (name == null || name.equals(r.name()))
          && (kind == null || kindMatches(r.kind()))
          && (user == null || user.equals(r.user().username()))
          && (policy == null || r.policies().stream().anyMatch(p -> policy.equals(p.policy())))
          && (decision == null || (decision == Decision.ALLOWED) == r.allowed())
          && (since == null || !r.time().isBefore(since))
          && (until == null || r.time().isBefore(until));
    }

    private boolean kindMatches(GroupVersionKind gvk) {
      return kind.indexOf('/') >= 0 ? kind.equals(gvk.qualifiedName()) : kind.equalsIgnoreCase(gvk.kind());
    }
  }

  /** A matching record with where it was found and its line exactly as stored. */
  public record Entry(Path file, long line, long seq, AuditRecord record, String json) {}

  /**
   * Feeds every matching decision record, in file order, to {@code sink}.
   *
   * @return the number of lines skipped because they are not readable audit lines
   */
  public static long forEach(List<Path> files, Filter filter, Consumer<Entry> sink) throws IOException {
    long skipped = 0;
    try (LogLines lines = new LogLines(files)) {
      RawLine raw;
      while ((raw = lines.next()) != null) {
        AuditRecord record;
        AuditLine.Parsed p;
        try {
          p = AuditLine.parse(raw.bytes());
          if (p.isCheckpoint()) {
            continue;
          }
          record = p.toRecord();
        } catch (AuditLine.MalformedLineException | DateTimeParseException | IllegalArgumentException e) {
          skipped++;
          continue;
        }
        if (filter.matches(record)) {
          sink.accept(new Entry(raw.file(), raw.lineNo(), p.seq(), record,
              new String(raw.bytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    return skipped;
  }
}
