package io.sparkgate.engine;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.decide.ValidatingDispatcher;
import io.sparkgate.decide.ValidationDecision;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.ValidatingPolicyEvaluator;
import io.sparkgate.policy.PolicySet;
import java.util.List;
import java.util.Map;

/**
 * The one engine the server and every CLI command use: a request and a policy set in, the
 * admission response out. Free of any HTTP concern.
 */
public final class AdmissionEngine {
  /** Wall-clock budget of one policy-binding evaluation: about Kubernetes' 10,000,000 cost units. */
  public static final long DEFAULT_BUDGET_NANOS = 500_000_000L;

  private final ValidatingDispatcher validating;

  public AdmissionEngine(long budgetNanos, Object authorizer) {
    this.validating = new ValidatingDispatcher(new ValidatingPolicyEvaluator(budgetNanos, authorizer));
  }

  public Review review(AdmissionRequest request, PolicySet set, Phase phase, Explainer explain) {
    if (phase == Phase.MUTATE) {
      AdmissionResponse response =
          new AdmissionResponse(request.uid(), true, 200, "", "", List.of(), Map.of(), null);
      return new Review(response, List.of(), set.hash());
    }
    ValidationDecision decision = validating.dispatch(request, set, explain);
    AdmissionResponse response = new AdmissionResponse(request.uid(), decision.allowed(), decision.code(),
        decision.reason(), decision.message(), decision.warnings(), decision.auditAnnotations(), null);
    return new Review(response, decision.results(), set.hash());
  }
}
