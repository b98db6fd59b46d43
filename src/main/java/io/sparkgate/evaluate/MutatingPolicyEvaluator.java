package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.patch.ApplyConfigurationMerger;
import io.sparkgate.patch.JsonPatchApplier;
import io.sparkgate.patch.JsonPatchOperation;
import io.sparkgate.patch.MergeSchema;
import io.sparkgate.patch.PatchException;
import io.sparkgate.policy.CompiledMutatingBinding;
import io.sparkgate.policy.CompiledMutatingPolicy;
import io.sparkgate.policy.CompiledMutation;
import io.sparkgate.policy.PolicyBasics;
import io.sparkgate.policy.PolicySet;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one MutatingAdmissionPolicy binding with Kubernetes' semantics: matchConstraints and
 * matchResources against the request as received, then per param object: matchConditions, then
 * the mutations in order, each seeing the object as the previous one left it. A mutation that
 * fails is skipped; its error denies the request under failurePolicy Fail.
 */
public final class MutatingPolicyEvaluator {
  private final long budgetNanos;
  private final Object authorizer;

  public MutatingPolicyEvaluator(long budgetNanos, Object authorizer) {
    this.budgetNanos = budgetNanos;
    this.authorizer = authorizer;
  }

  /** @param object the object as the bindings before this one left it */
  public BindingMutation evaluate(CompiledMutatingBinding binding, AdmissionRequest request, JsonNode object,
      PolicySet set, Explainer explain) {
    CompiledMutatingPolicy policy = binding.policy();
    PolicyBasics basics = policy.basics();
    BindingTarget.Resolution target = BindingTarget.resolve(policy.name(), binding.name(), basics.constraints(),
        binding.matchResources(), basics.paramKind(), binding.paramRef(), request, set, explain);
    List<String> denials = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    if (target.error() != null) {
      (basics.failClosed() ? denials : ignored).add(target.error());
      return new BindingMutation(binding, false, object, denials, ignored, true);
    }
    boolean invoked = false;
    JsonNode current = object;
    EvaluationBudget budget = new EvaluationBudget(budgetNanos);
    for (JsonNode param : target.params()) {
      if (current == null) {
        break;
      }
      AdmissionRequest seen = request.withObject(current);
      Activation conditionsActivation = activation(seen, param, set, basics, budget);
      MatchConditions.Outcome conditions =
          MatchConditions.evaluate(basics.matchConditions(), basics.failClosed(), conditionsActivation, explain);
      if (conditions.error() != null) {
        denials.add(conditions.error());
        continue;
      }
      if (!conditions.matches()) {
        continue;
      }
      invoked = true;
      for (CompiledMutation mutation : policy.mutations()) {
        try {
          current = mutate(mutation, request.withObject(current), param, set, basics, budget, explain);
        } catch (PatchException e) {
          (basics.failClosed() ? denials : ignored).add(e.getMessage());
        }
      }
    }
    return new BindingMutation(binding, invoked, current, denials, ignored, false);
  }

  private JsonNode mutate(CompiledMutation mutation, AdmissionRequest request, JsonNode param, PolicySet set,
      PolicyBasics basics, EvaluationBudget budget, Explainer explain) throws PatchException {
    Activation activation = activation(request, param, set, basics, budget);
    ExpressionResult result = ExpressionRunner.run(mutation.expression(), activation, budget);
    explain.expression("mutations[" + mutation.index() + "]", mutation.expression().source(), result);
    if (result.failed()) {
      throw new PatchException(Messages.expressionError(mutation.expression().source(), result.error()));
    }
    JsonNode object = request.object();
    return switch (mutation.patchType()) {
      case JSON_PATCH -> {
        List<JsonPatchOperation> operations = MutationValues.jsonPatch(result.value());
        try {
          yield JsonPatchApplier.apply(object, operations);
        } catch (PatchException e) {
          throw new PatchException("JSON Patch: " + e.getMessage());
        }
      }
      case APPLY_CONFIGURATION -> {
        JsonNode configuration = MutationValues.applyConfiguration(result.value());
        MergeSchema schema = MergeSchema.forKind(object.path("apiVersion").asText(), object.path("kind").asText());
        try {
          yield ApplyConfigurationMerger.merge(object, configuration, schema);
        } catch (PatchException e) {
          throw new PatchException("error applying patch: " + e.getMessage());
        }
      }
    };
  }

  private Activation activation(AdmissionRequest request, JsonNode param, PolicySet set, PolicyBasics basics,
      EvaluationBudget budget) {
    return new Activation(request, param, set.namespaces(), authorizer, basics.variables(), budget);
  }
}
