package io.sparkgate.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.cel.library.Authorizer;
import io.sparkgate.decide.Enforcement;
import io.sparkgate.decide.MutatingDispatcher;
import io.sparkgate.decide.MutationDecision;
import io.sparkgate.decide.PolicyResult;
import io.sparkgate.decide.ValidatingDispatcher;
import io.sparkgate.decide.ValidationDecision;
import io.sparkgate.evaluate.EvaluationContext;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.MutatingPolicyEvaluator;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.evaluate.ValidatingPolicyEvaluator;
import io.sparkgate.patch.JsonPatchOperation;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.enforce.SparkEnforcement;
import io.sparkgate.policy.PolicySet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one engine the server and every CLI command use: a request and a policy set in, the
 * admission response out. Free of any HTTP concern. {@link Phase#ALL} does what the API server
 * does: mutate, then validate the mutated object; the patch answered is the whole change.
 */
public final class AdmissionEngine {
  private final ValidatingDispatcher validating;
  private final MutatingDispatcher mutating;
  private final SafetyNet safetyNet;
  private final Authorizer authorizer;
  private final Clock clock;

  /** The Spark tenants' enforcement without platform approvers, on the system clock. */
  public AdmissionEngine(SafetyNet safetyNet, Authorizer authorizer) {
    this(safetyNet, authorizer, new SparkEnforcement(PlatformApprovers.NONE), Clock.systemUTC());
  }

  /**
   * @param safetyNet the wall-clock limit of one request's evaluation ({@link SafetyNet#OFF} offline);
   *     the cost limits apply always
   * @param enforcement exceptions, tenants' Warn mode and the admission of Sparkgate's own kinds
   * @param clock the time exceptions expire against, read once per request
   */
  public AdmissionEngine(SafetyNet safetyNet, Authorizer authorizer, Enforcement enforcement, Clock clock) {
    this.validating = new ValidatingDispatcher(new ValidatingPolicyEvaluator(), enforcement);
    this.mutating = new MutatingDispatcher(new MutatingPolicyEvaluator());
    this.safetyNet = safetyNet;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  public Review review(AdmissionRequest request, PolicySet set, Phase phase, Explainer explain) {
    return review(request, set, phase, explain, clock.instant());
  }

  /** The review as it would be decided at {@code now} (exceptions expire against it). */
  public Review review(AdmissionRequest request, PolicySet set, Phase phase, Explainer explain, Instant now) {
    EvaluationContext context = EvaluationContext.of(request, set)
        .now(now)
        .deadline(safetyNet.start())
        .explain(explain)
        .authorizer(authorizer)
        .build();
    if (phase == Phase.VALIDATE) {
      return validated(context, List.of(), List.of());
    }
    MutationDecision mutation = mutating.dispatch(context);
    if (!mutation.allowed() || phase == Phase.MUTATE) {
      AdmissionResponse response = new AdmissionResponse(request.uid(), mutation.allowed(), mutation.code(),
          mutation.reason(), mutation.message(), List.of(), Map.of(), encode(mutation.patch()));
      return new Review(response, mutation.results(), set.hash(), pathsOf(mutation.patch()));
    }
    return validated(context.withObject(mutation.object()), mutation.patch(), mutation.results());
  }

  private Review validated(EvaluationContext context, List<JsonPatchOperation> patch,
      List<PolicyResult> mutationResults) {
    AdmissionRequest request = context.request();
    ValidationDecision decision = validating.dispatch(context);
    AdmissionResponse response = new AdmissionResponse(request.uid(), decision.allowed(), decision.code(),
        decision.reason(), decision.message(), decision.warnings(), decision.auditAnnotations(), encode(patch));
    List<PolicyResult> results = new ArrayList<>(mutationResults);
    results.addAll(decision.results());
    return new Review(response, results, context.set().hash(), pathsOf(patch));
  }

  private static List<String> pathsOf(List<JsonPatchOperation> patch) {
    return patch.stream().map(JsonPatchOperation::path).toList();
  }

  /** The patch as the response carries it; null when there is nothing to change. */
  private static byte[] encode(List<JsonPatchOperation> patch) {
    if (patch.isEmpty()) {
      return null;
    }
    ArrayNode operations = JsonNodeFactory.instance.arrayNode(patch.size());
    patch.forEach(operation -> operations.add(operation.toJson()));
    return operations.toString().getBytes(StandardCharsets.UTF_8);
  }
}
