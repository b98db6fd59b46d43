package io.sparkgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostMetricsTest {
  private final SimpleMeterRegistry registry = LabelCaps.install(new SimpleMeterRegistry());
  private final CostMetrics metrics = new CostMetrics(registry);

  private double estimated(String costCenter, String currency) {
    return registry.get(MetricNames.ESTIMATED_COST).tag("cost_center", costCenter).tag("currency", currency)
        .counter().count();
  }

  @Test
  void estimatesAddUpInCurrencyUnitsPerCostCenterAndCurrency() {
    metrics.recordEstimate("cc-1", "USD", 74_400_000);
    metrics.recordEstimate("cc-1", "USD", 600_000);
    metrics.recordEstimate("cc-1", "EUR", 1_000_000);
    metrics.recordEstimate("", "USD", 2_000_000);
    assertThat(estimated("cc-1", "USD")).isEqualTo(75.0);
    assertThat(estimated("cc-1", "EUR")).isEqualTo(1.0);
    assertThat(estimated("none", "USD")).isEqualTo(2.0);
  }

  @Test
  void pastTheCapNewCostCentersAreCountedAsOther() {
    for (int i = 0; i < LabelCaps.MAX_COST_CENTERS; i++) {
      metrics.recordEstimate("cc-" + i, "USD", 1_000_000);
    }
    metrics.recordEstimate("cc-new", "USD", 3_000_000);
    metrics.recordEstimate("cc-0", "USD", 1_000_000);
    assertThat(estimated("other", "USD")).isEqualTo(3.0);
    assertThat(estimated("cc-0", "USD")).isEqualTo(2.0);
    assertThat(registry.find(MetricNames.ESTIMATED_COST).tag("cost_center", "cc-new").counter()).isNull();
  }

  @Test
  void budgetsAreReplacedWholeAndExpectedCostCentersStartAtZero() {
    metrics.budgets(List.of(new CostMetrics.Budget("cc-1", "USD", new BigDecimal("5000")),
        new CostMetrics.Budget("cc-2", "default", new BigDecimal("150.50"))));
    metrics.expectEstimates("cc-1", "USD");
    assertThat(registry.get(MetricNames.COST_CENTER_MONTHLY_BUDGET).tag("cost_center", "cc-2").gauge().value())
        .isEqualTo(150.5);
    assertThat(estimated("cc-1", "USD")).isZero();
    metrics.budgets(List.of(new CostMetrics.Budget("cc-1", "USD", new BigDecimal("6000"))));
    assertThat(registry.find(MetricNames.COST_CENTER_MONTHLY_BUDGET).tag("cost_center", "cc-2").gauge()).isNull();
    assertThat(registry.get(MetricNames.COST_CENTER_MONTHLY_BUDGET).tag("cost_center", "cc-1").gauge().value())
        .isEqualTo(6000.0);
  }

  @Test
  void unboundedRunsAreCountedApart() {
    metrics.recordUnbounded("cc-1");
    metrics.recordUnbounded("cc-1");
    assertThat(registry.get(MetricNames.UNBOUNDED_COST_RUNS).tag("cost_center", "cc-1").counter().count())
        .isEqualTo(2.0);
  }
}
