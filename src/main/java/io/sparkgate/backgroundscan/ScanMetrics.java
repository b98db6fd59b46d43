package io.sparkgate.backgroundscan;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.sparkgate.metrics.MetricNames;
import io.sparkgate.report.ScanResult;
import io.sparkgate.report.ScanStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sparkgate_policy_violations{namespace,policy}}: the fail and warn findings of the last
 * completed scan (waived ones are not violations), one series per namespace and policy that has
 * any; and {@code sparkgate_background_scan_duration_seconds}. A replica that does not hold the
 * lease publishes no violations, so a sum over replicas counts each once.
 */
final class ScanMetrics {
  private final MultiGauge violations;
  private final Timer duration;

  ScanMetrics(MeterRegistry registry) {
    violations = MultiGauge.builder(MetricNames.POLICY_VIOLATIONS)
        .description("Fail and warn findings of the last background scan, by namespace and policy")
        .register(registry);
    duration = Timer.builder(MetricNames.BACKGROUND_SCAN_DURATION)
        .description("Time of a background scan: evaluation of every object and the report writes")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(30))
        .register(registry);
  }

  void completed(ScanResult result, Duration took) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    result.counts().forEach((namespace, byPolicy) -> byPolicy.forEach((policy, counts) -> {
      int count = counts.getOrDefault(ScanStatus.FAIL, 0) + counts.getOrDefault(ScanStatus.WARN, 0);
      if (count > 0) {
        rows.add(MultiGauge.Row.of(Tags.of("namespace", namespace, "policy", policy), count));
      }
    }));
    violations.register(rows, true);
    duration.record(took);
  }

  /** No violations published: this replica stopped scanning. */
  void clear() {
    violations.register(List.of(), true);
  }
}
