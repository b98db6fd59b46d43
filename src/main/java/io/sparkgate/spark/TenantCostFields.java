package io.sparkgate.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.spark.SparkTenantValidator.Problem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of a SparkTenant's {@code spec.cost}: an ISO 4217 currency code, and rates and
 * budgets that are non-negative decimal strings as {@code spark.micros} reads them, so that a
 * typo is an error on the tenant rather than a silent zero cost.
 */
final class TenantCostFields {

  private static final Set<String> COST_FIELDS =
      Set.of("currency", "rates", "warnPerRun", "maxPerRun", "monthlyBudget");
  private static final Set<String> RATE_FIELDS = Set.of("cpuCoreHour", "memoryGiBHour", "gpuHour");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private TenantCostFields() {}

  static List<Problem> check(JsonNode spec) {
    List<Problem> problems = new ArrayList<>();
    JsonNode cost = spec.get("cost");
    if (cost == null || cost.isNull()) {
      return problems;
    }
    if (!cost.isObject()) {
      problems.add(new Problem("/spec/cost", "spec.cost is not an object"));
      return problems;
    }
    unknown(cost, "spec.cost", COST_FIELDS, problems);
    JsonNode currency = cost.get("currency");
    if (currency != null && !(currency.isTextual() && CURRENCY.matcher(currency.asText()).matches())) {
      problems.add(
          new Problem(
              "/spec/cost/currency",
              "spec.cost.currency " + currency + " is not a currency code: use three capital letters such as USD or EUR"));
    }
    JsonNode rates = cost.get("rates");
    if (rates != null && !rates.isObject()) {
      problems.add(new Problem("/spec/cost/rates", "spec.cost.rates is not an object"));
    } else if (rates != null) {
      unknown(rates, "spec.cost.rates", RATE_FIELDS, problems);
      for (String rate : List.of("cpuCoreHour", "memoryGiBHour", "gpuHour")) {
        amount(rates, rate, "spec.cost.rates", problems);
      }
    }
    for (String budget : List.of("warnPerRun", "maxPerRun", "monthlyBudget")) {
      amount(cost, budget, "spec.cost", problems);
    }
    return problems;
  }

  private static void amount(JsonNode parent, String key, String at, List<Problem> problems) {
    JsonNode value = parent.get(key);
    if (value == null) {
      return;
    }
    String field = at + "." + key;
    if (!value.isTextual()) {
      problems.add(
          new Problem(
              "/" + field.replace('.', '/'),
              field + " " + value + " is not a string: write amounts as quoted decimals such as \"0.05\""));
      return;
    }
    try {
      Money.parse(field, value.asText());
    } catch (SparkValueException e) {
      problems.add(new Problem("/" + field.replace('.', '/'), e.getMessage()));
    }
  }

  private static void unknown(JsonNode node, String at, Set<String> known, List<Problem> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(
            new Problem(
                "/" + (at + "." + name).replace('.', '/'),
                at + "." + name + " is not a field of SparkTenant (known: "
                    + String.join(", ", known.stream().sorted().toList()) + ")"));
      }
    }
  }
}
