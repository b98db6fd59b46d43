package io.sparkgate.policy;

import io.sparkgate.match.NamespaceLookup;
import java.util.List;

/**
 * Everything compiled from one load of the policy directory; immutable, swapped whole on reload.
 * Bindings are ordered by policy name, then binding name: the order policies are evaluated in.
 */
public record PolicySet(
    List<CompiledBinding> validatingBindings,
    List<CompiledValidatingPolicy> validatingPolicies,
    List<CompiledMutatingBinding> mutatingBindings,
    List<CompiledMutatingPolicy> mutatingPolicies,
    ParamStore params,
    NamespaceLookup namespaces,
    String hash) {

  public static PolicySet empty() {
    return new PolicySet(List.of(), List.of(), List.of(), List.of(), ParamStore.EMPTY,
        new FileNamespaces(java.util.Map.of()), "empty");
  }

  /** Validating and mutating policies together. */
  public int policyCount() {
    return validatingPolicies.size() + mutatingPolicies.size();
  }

  /** Validating and mutating bindings together. */
  public int bindingCount() {
    return validatingBindings.size() + mutatingBindings.size();
  }
}
