package io.sparkgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.metrics.AdmissionMetrics;
import io.sparkgate.metrics.MetricNames;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wall-clock safety net still stops a request on a machine slow enough to need it: once the
 * request's evaluation has run past the limit, every expression left fails with the deadline's
 * error under failurePolicy, and the request is counted once in the metric.
 */
class SafetyNetTest {
  private static final String POLICIES = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: first}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
        validations:
        - expression: "lists.range(2000).all(i, i >= 0)"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: first}
      spec: {policyName: first, validationActions: [Deny]}
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: second}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
        validations:
        - expression: "object.metadata.name != ''"
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: second}
      spec: {policyName: second, validationActions: [Deny]}
      """;
  private static final String DEADLINE_ERROR =
      "resulted in error: operation cancelled: evaluation exceeded the request's deadline of 5000 ms";

  private PolicySet set;
  private AdmissionRequest request;
  private SimpleMeterRegistry registry;
  private AdmissionMetrics metrics;

  @BeforeEach
  void load() throws Exception {
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(Path.of("policies.yaml"), POLICIES), new ArrayList<>());
    assertThat(loaded.errors()).isEmpty();
    set = loaded.policySet();
    AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(OfflineAdmission.MAX_NESTING);
    JsonNode object = decoder.mapper().readTree("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}}");
    request = decoder.decode(new ReviewBuilder().namespace("default").build(object));
    registry = new SimpleMeterRegistry();
    metrics = new AdmissionMetrics(registry);
  }

  /** A clock that advances a second each time it is read: a machine thousands of times too slow. */
  private static LongSupplier crawling() {
    AtomicLong now = new AtomicLong();
    return () -> now.addAndGet(1_000_000_000L);
  }

  private AdmissionResponse review(SafetyNet net) {
    return new AdmissionEngine(net, CelEnvironment.unsupportedAuthorizer())
        .review(request, set, Phase.VALIDATE, Explainer.NONE).response();
  }

  private double fired() {
    return registry.get(MetricNames.EVALUATION_DEADLINE_EXCEEDED).counter().count();
  }

  @Test
  void theNetStopsTheRequestAndEveryBindingLeftFailsUnderItsFailurePolicy() {
    SafetyNet net = new SafetyNet(SafetyNet.DEFAULT_LIMIT_NANOS, crawling(), metrics::evaluationDeadlineExceeded);
    AdmissionResponse response = review(net);
    assertThat(response.allowed()).isFalse();
    assertThat(response.message())
        .contains("ValidatingAdmissionPolicy 'first' with binding 'first' denied request: expression '"
            + "lists.range(2000).all(i, i >= 0)' " + DEADLINE_ERROR)
        .contains("ValidatingAdmissionPolicy 'second' with binding 'second' denied request: expression '"
            + "object.metadata.name != ''' " + DEADLINE_ERROR);
    assertThat(fired()).as("counted once for the request").isEqualTo(1.0);

    review(net);
    assertThat(fired()).isEqualTo(2.0);
  }

  @Test
  void theMetricIsPublishedBeforeTheNetEverFires() {
    assertThat(fired()).isZero();
  }

  @Test
  void onARealClockTheSameRequestIsAllowedAndNothingIsCounted() {
    SafetyNet net = new SafetyNet(SafetyNet.DEFAULT_LIMIT_NANOS, System::nanoTime, metrics::evaluationDeadlineExceeded);
    assertThat(review(net).allowed()).isTrue();
    assertThat(fired()).isZero();
  }
}
