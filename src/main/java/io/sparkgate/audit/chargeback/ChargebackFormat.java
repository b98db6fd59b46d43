package io.sparkgate.audit.chargeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.sparkgate.audit.TextTable;
import io.sparkgate.spark.Money;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a chargeback report is printed: a table to read, CSV for a spreadsheet, JSON for a program. */
public enum ChargebackFormat {
  TABLE, CSV, JSON;

  private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final CsvMapper CSV_MAPPER = new CsvMapper();

  public static ChargebackFormat fromName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "table" -> TABLE;
      case "csv" -> CSV;
      case "json" -> JSON;
      default -> throw new IllegalArgumentException("expected table, csv or json, not '" + name + "'");
    };
  }

  public String render(ChargebackReport report) {
    return switch (this) {
      case TABLE -> table(report);
      case CSV -> csv(report);
      case JSON -> json(report);
    };
  }

  private static String table(ChargebackReport report) {
    StringBuilder out = new StringBuilder("estimated cost of admitted Spark applications ")
        .append(describe(report.period())).append(", by ").append(report.by().wireName()).append('\n');
    if (report.rows().isEmpty()) {
      return out.append("no admitted Spark application with a cost in the period\n").toString();
    }
    TextTable table = new TextTable(report.by().wireName(), "currency", "amount", "runs", "unbounded");
    for (ChargebackReport.Row row : report.rows()) {
      table.add(row.group(), row.currency(), Money.format(row.micros()), row.runs(), row.unbounded());
    }
    out.append(table.render());
    if (!report.unbounded().isEmpty()) {
      out.append("\nno bound on the cost (not summed):\n");
      for (ChargebackReport.Unbounded u : report.unbounded()) {
        out.append("  ").append(u.time()).append("  ").append(u.namespace()).append('/').append(u.name())
            .append(" (").append(u.kind()).append("): ").append(u.reason()).append('\n');
      }
    }
    return out.toString();
  }

  private static String csv(ChargebackReport report) {
    CsvSchema schema = CsvSchema.builder()
        .addColumn(report.by().wireName())
        .addColumn("currency")
        .addColumn("amount")
        .addColumn("micros")
        .addColumn("runs")
        .addColumn("unbounded")
        .setUseHeader(true)
        .build();
    List<List<Object>> rows = new ArrayList<>();
    for (ChargebackReport.Row row : report.rows()) {
      rows.add(List.of(row.group(), row.currency(), Money.format(row.micros()), row.micros(), row.runs(),
          row.unbounded()));
    }
    try {
      return CSV_MAPPER.writer(schema).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(ChargebackReport report) {
    ObjectNode root = JSON_MAPPER.createObjectNode();
    root.put("from", report.period().from() == null ? null : report.period().from().toString());
    root.put("to", report.period().to().toString());
    root.put("by", report.by().wireName());
    ArrayNode rows = root.putArray("rows");
    for (ChargebackReport.Row row : report.rows()) {
      rows.addObject()
          .put(report.by().wireName(), row.group())
          .put("currency", row.currency())
          .put("amount", Money.format(row.micros()))
          .put("micros", row.micros())
          .put("runs", row.runs())
          .put("unbounded", row.unbounded());
    }
    ArrayNode unbounded = root.putArray("unbounded");
    for (ChargebackReport.Unbounded u : report.unbounded()) {
      unbounded.addObject()
          .put("time", u.time().toString())
          .put(report.by().wireName(), u.group())
          .put("namespace", u.namespace())
          .put("kind", u.kind())
          .put("name", u.name())
          .put("reason", u.reason());
    }
    try {
      return JSON_MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Period period) {
    return (period.from() == null ? "up to " : "from " + period.from() + " to ") + period.to();
  }
}
