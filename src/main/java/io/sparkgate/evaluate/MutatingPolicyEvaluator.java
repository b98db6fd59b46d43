package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.patch.ApplyConfigurationMerger;
import io.sparkgate.patch.JsonPatchApplier;
import io.sparkgate.patch.JsonPatchOperation;
import io.sparkgate.patch.MergeSchema;
import io.sparkgate.patch.PatchException;
import io.sparkgate.policy.CompiledMutatingBinding;
import io.sparkgate.policy.CompiledMutatingPolicy;
import io.sparkgate.policy.CompiledMutation;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one MutatingAdmissionPolicy binding with Kubernetes' semantics: matchConstraints and
 * matchResources against the request as received, then per param object: matchConditions, then
 * the mutations in order, each seeing the object as the previous one left it. A mutation that
 * fails is skipped; its error denies the request under failurePolicy Fail. Each mutation has a
 * budget of {@link CostLimits#PER_BINDING}, the matchConditions theirs.
 */
public final class MutatingPolicyEvaluator {
  /**
   * @param context the request as received, which the binding is matched against
   * @param object the object as the bindings before this one left it
   */
  public BindingMutation evaluate(CompiledMutatingBinding binding, EvaluationContext context, JsonNode object) {
    CompiledMutatingPolicy policy = binding.policy();
    Explainer explain = context.explain();
    BindingTarget.Resolution target = BindingTarget.resolve(binding, context);
    List<String> denials = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    if (target.error() != null) {
      (policy.failClosed() ? denials : ignored).add(target.error());
      return new BindingMutation(binding, false, object, denials, ignored, true);
    }
    boolean invoked = false;
    JsonNode current = object;
    for (JsonNode param : target.params()) {
      if (current == null) {
        break;
      }
      Activation conditionsActivation = new Activation(context.withObject(current), param, policy.variables());
      MatchConditions.Outcome conditions =
          MatchConditions.evaluate(policy.matchConditions(), policy.failClosed(), conditionsActivation, explain);
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
          current = mutate(mutation, new Activation(context.withObject(current), param, policy.variables()), explain);
        } catch (PatchException e) {
          (policy.failClosed() ? denials : ignored).add(e.getMessage());
        }
      }
    }
    return new BindingMutation(binding, invoked, current, denials, ignored, false);
  }

  /** @param activation the variables of this mutation, over the object as the mutations before it left it */
  private static JsonNode mutate(CompiledMutation mutation, Activation activation, Explainer explain)
      throws PatchException {
    CostBudget budget = new CostBudget(CostLimits.PER_BINDING);
    activation.chargeTo(budget);
    ExpressionResult result = ExpressionRunner.run(mutation.expression(), activation);
    explain.expression("mutations[" + mutation.index() + "]", mutation.expression().source(), result);
    if (budget.exhausted()) {
      throw new PatchException(Messages.OUT_OF_BUDGET);
    }
    if (result.failed()) {
      throw new PatchException(Messages.expressionError(mutation.expression().source(), result.error()));
    }
    JsonNode object = activation.context().request().object();
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
}
