package io.sparkgate.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The caps on label values that come from requests or tenants, so that no client or tenant count
 * can grow the metrics without end. Install them on a registry before any meter is registered.
 */
public final class LabelCaps {
  /** Kinds come from requests: the API server sends only the kinds the webhooks name, a client could send any. */
  static final int MAX_REQUEST_KINDS = 100;
  /** Cost centers come from SparkTenants. */
  static final int MAX_COST_CENTERS = 200;

  private LabelCaps() {}

  public static <R extends MeterRegistry> R install(R registry) {
    registry.config()
        .meterFilter(new TagValueCap(MetricNames.ADMISSION_REQUESTS, "kind", MAX_REQUEST_KINDS))
        .meterFilter(new TagValueCap(MetricNames.ESTIMATED_COST, "cost_center", MAX_COST_CENTERS))
        .meterFilter(new TagValueCap(MetricNames.UNBOUNDED_COST_RUNS, "cost_center", MAX_COST_CENTERS));
    return registry;
  }
}
