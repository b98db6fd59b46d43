package io.sparkgate.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.spark.Money;
import java.io.IOException;

/**
 * The {@code cost} object of a decision line: {@code team}, {@code costCenter}, {@code currency},
 * then {@code perRun} (two decimals, for reading) with {@code perRunMicros} (exact, for sums), or
 * {@code unbounded}; a ScheduledSparkApplication adds {@code runsPerMonth}, {@code schedule} and
 * {@code timeZone}, a run created by one {@code scheduledBy}. Absent values are left out.
 */
final class RunCostJson {
  private RunCostJson() {}

  static void write(JsonGenerator g, RunCost cost) throws IOException {
    g.writeObjectFieldStart("cost");
    g.writeStringField("team", cost.team());
    g.writeStringField("costCenter", cost.costCenter());
    g.writeStringField("currency", cost.currency());
    if (cost.bounded()) {
      g.writeStringField("perRun", Money.format(cost.perRunMicros()));
      g.writeNumberField("perRunMicros", cost.perRunMicros());
    } else {
      g.writeStringField("unbounded", cost.unbounded());
    }
    if (cost.runsPerMonth() != null) {
      g.writeNumberField("runsPerMonth", cost.runsPerMonth());
    }
    if (cost.schedule() != null) {
      g.writeStringField("schedule", cost.schedule());
    }
    if (cost.timeZone() != null) {
      g.writeStringField("timeZone", cost.timeZone());
    }
    if (cost.scheduledBy() != null) {
      g.writeStringField("scheduledBy", cost.scheduledBy());
    }
    g.writeEndObject();
  }

  /** The cost of a decision line, null when it has none; a cost that is not one is unbounded. */
  static RunCost read(JsonNode cost) {
    if (cost == null || !cost.isObject()) {
      return null;
    }
    JsonNode micros = cost.get("perRunMicros");
    boolean amount = micros != null && micros.isIntegralNumber() && micros.canConvertToLong();
    String unbounded = text(cost, "unbounded");
    return new RunCost(
        text(cost, "team"),
        text(cost, "costCenter"),
        text(cost, "currency"),
        amount ? micros.longValue() : null,
        amount ? null : unbounded != null ? unbounded : "the record's cost has no amount",
        longOrNull(cost.get("runsPerMonth")),
        text(cost, "schedule"),
        text(cost, "timeZone"),
        text(cost, "scheduledBy"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  private static Long longOrNull(JsonNode v) {
    return v != null && v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null;
  }
}
