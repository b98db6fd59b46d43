package io.sparkgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.enforce.SparkKinds;
import io.sparkgate.metrics.CostMetrics;
import io.sparkgate.metrics.CostMetrics.Budget;
import io.sparkgate.policy.ParamLookup;
import io.sparkgate.policy.ParamObject;
import io.sparkgate.spark.Money;
import io.sparkgate.spark.SparkValueException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly budgets the cost alert compares estimates with: every valid SparkTenant's
 * {@code spec.cost.monthlyBudget}, summed per cost center and currency (a tenant without a
 * currency is in the default rate card's, labelled {@value #DEFAULT_CURRENCY}).
 */
final class CostBudgets {
  static final String DEFAULT_CURRENCY = "default";

  private CostBudgets() {}

  static void export(ParamLookup params, CostMetrics metrics) {
    List<Budget> budgets = of(params);
    metrics.budgets(budgets);
    for (Budget budget : budgets) {
      if (!budget.currency().equals(DEFAULT_CURRENCY)) {
        metrics.expectEstimates(budget.costCenter(), budget.currency());
      }
    }
  }

  static List<Budget> of(ParamLookup params) {
    Map<Center, BigDecimal> sums = new TreeMap<>(Comparator.comparing(Center::costCenter).thenComparing(Center::currency));
    for (ParamObject tenant : params.all(SparkKinds.TENANT)) {
      JsonNode spec = tenant.object().path("spec");
      JsonNode budget = spec.path("cost").path("monthlyBudget");
      if (tenant.problem() != null || !budget.isTextual()) {
        continue;
      }
      BigDecimal amount;
      try {
        amount = Money.parse("spec.cost.monthlyBudget", budget.asText());
      } catch (SparkValueException e) {
        continue; // the tenant's own validation reports it
      }
      String currency = spec.path("cost").path("currency").asText(DEFAULT_CURRENCY);
      sums.merge(new Center(spec.path("costCenter").asText(""), currency), amount, BigDecimal::add);
    }
    List<Budget> rows = new ArrayList<>();
    sums.forEach((center, amount) -> rows.add(new Budget(center.costCenter(), center.currency(), amount)));
    return rows;
  }

  private record Center(String costCenter, String currency) {}
}
