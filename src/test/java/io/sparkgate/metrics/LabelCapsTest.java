package io.sparkgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LabelCapsTest {
  private final SimpleMeterRegistry registry = LabelCaps.install(new SimpleMeterRegistry());
  private final AdmissionMetrics metrics = new AdmissionMetrics(registry);

  private double requests(String kind) {
    Counter counter = registry.find(MetricNames.ADMISSION_REQUESTS).tag("kind", kind).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void kindsPastTheCapAreCountedAsOtherAndNoCountIsLost() {
    for (int i = 0; i < LabelCaps.MAX_REQUEST_KINDS; i++) {
      metrics.record("/validate", "Kind" + i, "CREATE", "allowed", 1_000);
    }
    for (int i = 0; i < 1_000; i++) {
      metrics.record("/validate", "Hostile" + i, "CREATE", "allowed", 1_000);
    }
    metrics.record("/validate", "Kind0", "CREATE", "allowed", 1_000);

    assertThat(requests("Kind0")).isEqualTo(2.0);
    assertThat(requests("other")).isEqualTo(1_000.0);
    assertThat(requests("Hostile5")).isZero();
    assertThat(registry.find(MetricNames.ADMISSION_REQUESTS).counters())
        .hasSize(LabelCaps.MAX_REQUEST_KINDS + 1);
    double total = registry.find(MetricNames.ADMISSION_REQUESTS).counters().stream()
        .mapToDouble(Counter::count).sum();
    assertThat(total).isEqualTo(LabelCaps.MAX_REQUEST_KINDS + 1_001.0);
  }

  @Test
  void otherMetersWithTheSameTagKeyAreNotCapped() {
    for (int i = 0; i < LabelCaps.MAX_REQUEST_KINDS + 10; i++) {
      registry.counter("unrelated", "kind", "K" + i).increment();
    }
    assertThat(registry.find("unrelated").counters()).hasSize(LabelCaps.MAX_REQUEST_KINDS + 10);
  }
}
