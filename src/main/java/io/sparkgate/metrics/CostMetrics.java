package io.sparkgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of admitted runs for Prometheus: a counter of estimates per cost center and currency
 * (summed across replicas by the alert rule), a counter of runs without a bound, and the monthly
 * budgets the rule compares the estimates with.
 */
public final class CostMetrics {
  static final String NONE = "none";

  private static final BigDecimal MICROS_PER_UNIT = BigDecimal.valueOf(1_000_000);

  private final MeterRegistry registry;
  private final MultiGauge budgets;

  public CostMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.budgets = MultiGauge.builder(MetricNames.COST_CENTER_MONTHLY_BUDGET)
        .description("The SparkTenants' spec.cost.monthlyBudget summed per cost center and currency")
        .register(registry);
  }

  /** One admitted run estimated at {@code micros} micro-units of {@code currency}. */
  public void recordEstimate(String costCenter, String currency, long micros) {
    estimate(costCenter, currency).increment(BigDecimal.valueOf(micros).divide(MICROS_PER_UNIT).doubleValue());
  }

  /**
   * Exports the cost center's counter at zero before its first run: Prometheus' increase() does not
   * count the first sample of a series, so a series born with the first estimate would lose it.
   */
  public void expectEstimates(String costCenter, String currency) {
    estimate(costCenter, currency);
  }

  private Counter estimate(String costCenter, String currency) {
    return Counter.builder(MetricNames.ESTIMATED_COST)
        .description("Estimated cost of the Spark application runs admitted, in currency units")
        .tag("cost_center", label(costCenter)).tag("currency", currency)
        .register(registry);
  }

  /** One admitted run whose cost has no bound. */
  public void recordUnbounded(String costCenter) {
    Counter.builder(MetricNames.UNBOUNDED_COST_RUNS)
        .description("Spark application runs admitted whose estimated cost has no bound")
        .tag("cost_center", label(costCenter))
        .register(registry)
        .increment();
  }

  /** Replaces the budgets exported: one row per cost center and currency. */
  public void budgets(List<Budget> rows) {
    List<MultiGauge.Row<?>> gauges = new ArrayList<>();
    for (Budget row : rows.subList(0, Math.min(rows.size(), LabelCaps.MAX_COST_CENTERS))) {
      gauges.add(MultiGauge.Row.of(
          Tags.of("cost_center", label(row.costCenter()), "currency", row.currency()), row.amount().doubleValue()));
    }
    budgets.register(gauges, true);
  }

  /** A monthly budget in units of its currency. */
  public record Budget(String costCenter, String currency, BigDecimal amount) {}

  private static String label(String costCenter) {
    return costCenter == null || costCenter.isEmpty() ? NONE : costCenter;
  }
}
