package io.sparkgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.sparkgate.decide.DenialRelief;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sparkgate.decide.PolicyResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/** Request counters and the latency histogram, with bounded label values. */
public final class AdmissionMetrics {
  private final MeterRegistry registry;
  private final Timer duration;
  private final Counter deadlineExceeded;
  /**
   * Request counters by their labels, so that a request does not build a meter id; bounded, past
   * the bound the registry's own lookup serves (and {@link LabelCaps} folds new kinds into "other").
   */
  private static final int MAX_CACHED_REQUEST_COUNTERS = 1_000;

  private final ConcurrentMap<String, Counter> requests = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> evaluations = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> exceptionsApplied = new ConcurrentHashMap<>();
  private final CostMetrics cost;

  public AdmissionMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.cost = new CostMetrics(registry);
    this.duration = Timer.builder(MetricNames.ADMISSION_DURATION)
        .description("Server-side time to answer an admission request")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .serviceLevelObjectives(
            Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000),
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1))
        .register(registry);
    this.deadlineExceeded = Counter.builder(MetricNames.EVALUATION_DEADLINE_EXCEEDED)
        .description("Requests whose evaluation ran past the wall-clock safety net (--evaluation-budget-ms)")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The cost counters and budget gauge. */
  public CostMetrics cost() {
    return cost;
  }

  /** @param requestKind a kind from a request: {@link LabelCaps} bounds the values */
  public void record(String endpoint, String requestKind, String operation, String decision, long nanos) {
    String key = endpoint + '\0' + requestKind + '\0' + operation + '\0' + decision;
    Counter counter = requests.get(key);
    if (counter == null) {
      counter = Counter.builder(MetricNames.ADMISSION_REQUESTS)
          .description("Admission requests answered")
          .tag("endpoint", endpoint).tag("kind", requestKind).tag("operation", operation).tag("decision", decision)
          .register(registry);
      if (requests.size() < MAX_CACHED_REQUEST_COUNTERS) {
        requests.put(key, counter);
      }
    }
    counter.increment();
    duration.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The safety net stopped a request's evaluation. */
  public void evaluationDeadlineExceeded() {
    deadlineExceeded.increment();
  }

  /** Policy and binding names come from the loaded set, so the label values stay bounded. */
  public void recordEvaluations(List<PolicyResult> results) {
    for (PolicyResult result : results) {
      String outcome = result.outcome().wireName();
      String key = result.policy() + '\0' + result.binding() + '\0' + outcome;
      evaluations.computeIfAbsent(key, k -> Counter.builder(MetricNames.POLICY_EVALUATIONS)
              .description("Policy binding evaluations by outcome")
              .tag("policy", result.policy()).tag("binding", result.binding()).tag("outcome", outcome)
              .register(registry))
          .increment();
      if (result.relief() != null && result.relief().source() == DenialRelief.Source.EXCEPTION) {
        exceptionsApplied.computeIfAbsent(result.policy(), policy -> Counter.builder(MetricNames.POLICY_EXCEPTIONS_APPLIED)
                .description("Violations a SparkPolicyException waived (allowed with a warning), by policy")
                .tag("policy", policy)
                .register(registry))
            .increment();
      }
    }
  }
}
