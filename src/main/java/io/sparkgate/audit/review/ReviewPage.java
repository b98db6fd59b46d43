package io.sparkgate.audit.review;

import io.sparkgate.audit.AuditRecord;
import io.sparkgate.audit.AuditSummary;
import io.sparkgate.audit.ChainReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Renders the review page: one self-contained HTML document (inline CSS, no scripts, no external resources). */
public final class ReviewPage {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:00").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final int SEARCH_LIMIT = 200;
  private static final String STYLE = """
      body{font:14px system-ui,sans-serif;margin:24px;color:#1d2430;background:#f6f7f9}
      h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
      .muted{color:#667}.cards{display:flex;gap:12px;flex-wrap:wrap}
      .card{background:#fff;border:1px solid #dde;border-radius:6px;padding:10px 16px;min-width:120px}
      .card b{display:block;font-size:22px}
      table{border-collapse:collapse;background:#fff;width:100%}
      td,th{border-bottom:1px solid #e4e6ea;padding:4px 8px;text-align:left;vertical-align:top}
      .bar{display:inline-block;height:12px;background:#3b7dd8;vertical-align:middle}
      .bar.denied{background:#d64545}.ok{color:#1b7f3b;font-weight:600}.failed{color:#c62828;font-weight:600}
      form{margin:8px 0}input[type=text]{width:320px;padding:4px}
      .cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}
      """;

  private ReviewPage() {}

  public static String render(ReviewModel model, String search) {
    StringBuilder h = new StringBuilder(16 * 1024);
    h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sparkgate audit review</title>")
        .append("<style>").append(STYLE).append("</style></head><body>");
    h.append("<h1>Sparkgate audit review</h1><p class=\"muted\">Loaded ").append(TIME.format(model.loadedAt()))
        .append(" UTC. Times are UTC.</p>");
    totals(h, model.summary());
    verification(h, model.verification());
    searchForm(h, model, search);
    overTime(h, model.perHour());
    h.append("<div class=\"cols\"><div>");
    counts(h, "Denials by team (namespace)", "namespace", model.deniedByNamespace());
    h.append("</div><div>");
    counts(h, "Denials by policy", "policy", model.deniedByPolicy());
    h.append("</div></div>");
    h.append("<h2>Latest denials</h2>");
    decisions(h, model.latestDenials(), "latest-denials");
    h.append("</body></html>");
    return h.toString();
  }

  private static void totals(StringBuilder h, AuditSummary s) {
    h.append("<div class=\"cards\" id=\"totals\">");
    card(h, "total", "Decisions", s.total());
    card(h, "allowed", "Allowed", s.allowed());
    card(h, "denied", "Denied", s.denied());
    card(h, "dry-run", "Dry-run", s.dryRun());
    h.append("</div>");
  }

  private static void card(StringBuilder h, String id, String label, long value) {
    h.append("<div class=\"card\">").append(label).append("<b id=\"").append(id).append("\">").append(value)
        .append("</b></div>");
  }

  private static void verification(StringBuilder h, List<ChainReport> reports) {
    h.append("<h2>Verification by instance</h2><table id=\"verification\"><tr><th>instance</th><th>status</th>")
        .append("<th>records</th><th>checkpoints</th><th>segments</th><th>findings</th></tr>");
    for (ChainReport r : reports) {
      h.append("<tr><td>").append(esc(r.instance())).append("</td><td class=\"").append(r.ok() ? "ok\">OK" : "failed\">FAILED")
          .append("</td><td>").append(r.records()).append("</td><td>").append(r.checkpoints()).append("</td><td>")
          .append(r.segments()).append("</td><td>").append(esc(String.join("\n", r.findings()))).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void searchForm(StringBuilder h, ReviewModel model, String search) {
    h.append("<h2>Search</h2><form method=\"get\" action=\"/\"><input type=\"text\" name=\"q\" placeholder=\"uid, namespace or application\" value=\"")
        .append(esc(search == null ? "" : search)).append("\"> <input type=\"submit\" value=\"Search\"></form>");
    if (search != null && !search.isBlank()) {
      List<AuditRecord> found = model.search(search.strip(), SEARCH_LIMIT);
      h.append("<p class=\"muted\">").append(found.size()).append(found.size() == SEARCH_LIMIT ? "+" : "")
          .append(" decisions match</p>");
      decisions(h, found, "search-results");
    }
  }

  private static void overTime(StringBuilder h, Map<Instant, long[]> perHour) {
    h.append("<h2>Decisions over time (per hour)</h2><table id=\"over-time\"><tr><th>hour</th><th>allowed</th>")
        .append("<th>denied</th><th></th></tr>");
    long max = perHour.values().stream().mapToLong(c -> c[0] + c[1]).max().orElse(1);
    perHour.forEach((hour, c) -> h.append("<tr><td>").append(HOUR.format(hour)).append("</td><td>").append(c[0])
        .append("</td><td>").append(c[1]).append("</td><td>").append(bar(c[0], max, ""))
        .append(bar(c[1], max, " denied")).append("</td></tr>"));
    h.append("</table>");
  }

  private static String bar(long value, long max, String kind) {
    return "<span class=\"bar" + kind + "\" style=\"width:" + (400 * value / Math.max(1, max)) + "px\"></span>";
  }

  private static void counts(StringBuilder h, String title, String column, Map<String, Long> counts) {
    h.append("<h2>").append(title).append("</h2><table><tr><th>").append(column).append("</th><th>denied</th></tr>");
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Collections.reverseOrder()))
        .forEach(e -> h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue())
            .append(" ").append(bar(e.getValue(), max, " denied")).append("</td></tr>"));
    h.append("</table>");
  }

  private static void decisions(StringBuilder h, List<AuditRecord> records, String id) {
    h.append("<table id=\"").append(id).append("\"><tr><th>time</th><th>decision</th><th>namespace</th><th>name</th>")
        .append("<th>kind</th><th>user</th><th>uid</th><th>message</th><th>instance</th></tr>");
    for (AuditRecord r : records) {
      h.append("<tr><td>").append(TIME.format(r.time())).append("</td><td>").append(r.allowed() ? "allowed" : "denied")
          .append("</td><td>").append(esc(r.namespace())).append("</td><td>").append(esc(r.name()))
          .append("</td><td>").append(esc(r.kind() == null ? null : r.kind().kind())).append("</td><td>")
          .append(esc(r.user() == null ? null : r.user().username())).append("</td><td>").append(esc(r.uid()))
          .append("</td><td>").append(esc(r.statusMessage())).append("</td><td>").append(esc(r.instanceId()))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
