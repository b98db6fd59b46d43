package io.sparkgate.decide;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.decide.PolicyResult.Action;
import io.sparkgate.decide.PolicyResult.Outcome;
import io.sparkgate.evaluate.BindingMutation;
import io.sparkgate.evaluate.EvaluationContext;
import io.sparkgate.evaluate.Messages;
import io.sparkgate.evaluate.MutatingPolicyEvaluator;
import io.sparkgate.patch.JsonDiff;
import io.sparkgate.patch.JsonEquality;
import io.sparkgate.patch.JsonPatchApplier;
import io.sparkgate.patch.JsonPatchOperation;
import io.sparkgate.patch.PatchException;
import io.sparkgate.policy.CompiledMutatingBinding;
import io.sparkgate.policy.DenialReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Runs the mutating bindings of a policy set over a request, in order of policy name, then
 * binding name, and makes one patch of the whole chain. reinvocationPolicy IfNeeded works as in
 * Kubernetes, inside the chain: a binding whose policy says IfNeeded runs once more, after the
 * first pass, when a binding after it changed the object.
 */
public final class MutatingDispatcher {
  /**
   * Kubernetes' generic policy dispatcher (admission/plugin/policy/generic/policy_dispatcher.go)
   * answers with admission.NewForbidden, 403, whose reason becomes Invalid when the first error
   * is one of the mutating dispatcher's (a failed mutation or matchCondition) and stays Forbidden
   * when it is a binding's configuration error (params not found); those come first.
   */
  private static final int DENIAL_CODE = 403;

  private final MutatingPolicyEvaluator evaluator;

  public MutatingDispatcher(MutatingPolicyEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  public MutationDecision dispatch(EvaluationContext context) {
    AdmissionRequest request = context.request();
    JsonNode original = request.object();
    List<PolicyResult> results = new ArrayList<>();
    List<String> denials = new ArrayList<>();
    List<String> configurationDenials = new ArrayList<>();
    List<CompiledMutatingBinding> candidates =
        context.set().mutatingIndex().candidates(request.resource().group(), request.resource().resource());
    if (original == null || candidates.isEmpty()) {
      return new MutationDecision(true, 200, "", "", original, List.of(), results);
    }
    JsonNode current = original;
    // by identity (a binding's record equality would compare and hash its whole policy); the
    // reinvocations run in chain order
    Set<CompiledMutatingBinding> invokedIfNeeded = identitySet();
    Set<CompiledMutatingBinding> reinvoke = identitySet();
    for (CompiledMutatingBinding binding : candidates) {
      BindingMutation mutation = evaluator.evaluate(binding, context, current);
      record(mutation, current, results, mutation.misconfigured() ? configurationDenials : denials);
      if (!JsonEquality.same(current, mutation.object())) {
        reinvoke.addAll(invokedIfNeeded);
      }
      current = mutation.object();
      if (mutation.invoked() && binding.policy().reinvokeIfNeeded()) {
        invokedIfNeeded.add(binding);
      }
    }
    for (CompiledMutatingBinding binding : candidates) {
      if (!reinvoke.contains(binding)) {
        continue;
      }
      BindingMutation mutation = evaluator.evaluate(binding, context, current);
      record(mutation, current, results, mutation.misconfigured() ? configurationDenials : denials);
      current = mutation.object();
    }
    if (!configurationDenials.isEmpty() || !denials.isEmpty()) {
      DenialReason reason = configurationDenials.isEmpty() ? DenialReason.INVALID : DenialReason.FORBIDDEN;
      List<String> all = new ArrayList<>(configurationDenials);
      all.addAll(denials);
      return new MutationDecision(false, DENIAL_CODE, reason.text(), String.join("; ", all),
          original, List.of(), results);
    }
    return withPatch(original, current, results);
  }

  private static Set<CompiledMutatingBinding> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** The patch from the received object to the mutated one, checked to reproduce it. */
  private static MutationDecision withPatch(JsonNode original, JsonNode mutated, List<PolicyResult> results) {
    List<JsonPatchOperation> patch = JsonDiff.between(original, mutated);
    try {
      if (JsonEquality.same(JsonPatchApplier.apply(original, patch), mutated)) {
        return new MutationDecision(true, 200, "", "", mutated, patch, results);
      }
    } catch (PatchException e) {
      // reported below: Sparkgate never sends a patch that does not apply
    }
    return new MutationDecision(false, 500, "InternalError",
        "internal error: the combined patch of the mutating policies does not reproduce their result",
        original, List.of(), results);
  }

  private static void record(BindingMutation mutation, JsonNode before, List<PolicyResult> results, List<String> denials) {
    String policy = mutation.binding().policy().name();
    String binding = mutation.binding().name();
    for (String error : mutation.denials()) {
      denials.add(Messages.policyDenial(policy, binding, error));
      results.add(new PolicyResult(policy, binding, null, Set.of(Action.DENY), Outcome.ERROR, error));
    }
    for (String error : mutation.ignored()) {
      results.add(new PolicyResult(policy, binding, null, Set.of(), Outcome.ERROR, error));
    }
    if (mutation.denials().isEmpty() && mutation.ignored().isEmpty()) {
      boolean changed = !JsonEquality.same(before, mutation.object());
      Outcome outcome = !mutation.invoked() ? Outcome.NOT_APPLICABLE : changed ? Outcome.MUTATED : Outcome.UNCHANGED;
      results.add(new PolicyResult(policy, binding, null, changed ? Set.of(Action.PATCH) : Set.of(), outcome, ""));
    }
  }
}
