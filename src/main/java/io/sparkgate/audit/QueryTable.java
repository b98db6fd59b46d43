package io.sparkgate.audit;

import java.util.List;

/** Renders query results as a table, one row per decision. */
public final class QueryTable {
  private static final int MESSAGE_WIDTH = 80;

  private QueryTable() {}

  public static String render(List<AuditQuery.Entry> entries) {
    TextTable table = new TextTable("TIME", "DECISION", "ENDPOINT", "OPERATION", "KIND", "NAMESPACE", "NAME",
        "USER", "MESSAGE");
    for (AuditQuery.Entry e : entries) {
      AuditRecord r = e.record();
      table.add(AuditLine.formatTime(r.time()),
          (r.allowed() ? "allowed" : "denied") + (r.dryRun() ? " (dry-run)" : ""),
          r.endpoint().wireName(), r.operation(), r.kind().kind(), r.namespace(), r.name(), r.user().username(),
          TextTable.abbreviate(r.statusMessage(), MESSAGE_WIDTH));
    }
    return table.render();
  }
}
