package io.sparkgate.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders query results as a table, one row per decision. When a listed decision admitted images
 * on scan records, an IMAGES column names each record: its short digest and scan time.
 */
public final class QueryTable {
  private static final int MESSAGE_WIDTH = 80;
  private static final int DIGEST_CHARS = "sha256:".length() + 12;

  private QueryTable() {}

  public static String render(List<AuditQuery.Entry> entries) {
    boolean images = entries.stream().anyMatch(e -> !e.record().images().isEmpty());
    List<String> header = new ArrayList<>(List.of("TIME", "DECISION", "ENDPOINT", "OPERATION", "KIND", "NAMESPACE",
        "NAME", "USER", "MESSAGE"));
    if (images) {
      header.add(header.size() - 1, "IMAGES");
    }
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (AuditQuery.Entry e : entries) {
      AuditRecord r = e.record();
      List<Object> row = new ArrayList<>(List.of(AuditLine.formatTime(r.time()),
          (r.allowed() ? "allowed" : "denied") + (r.dryRun() ? " (dry-run)" : ""),
          r.endpoint().wireName(), r.operation(), r.kind().kind(), r.namespace(), r.name(), r.user().username(),
          TextTable.abbreviate(r.statusMessage(), MESSAGE_WIDTH)));
      if (images) {
        row.add(row.size() - 1, images(r.images()));
      }
      table.add(row.toArray());
    }
    return table.render();
  }

  /** Each scan record once: {@code sha256:0123456789ab@2026-12-01T09:30:12Z}. */
  private static String images(List<ImageEvidence> evidence) {
    Set<String> records = new LinkedHashSet<>();
    for (ImageEvidence image : evidence) {
      String digest = image.digest().length() > DIGEST_CHARS ? image.digest().substring(0, DIGEST_CHARS) : image.digest();
      records.add(digest + "@" + image.scannedAt());
    }
    return String.join(",", records);
  }
}
