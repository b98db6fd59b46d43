package io.sparkgate.policy;

import io.sparkgate.images.ImageScanIndex;
import io.sparkgate.match.NamespaceLookup;
import java.util.List;
import java.util.Map;

/**
 * Everything compiled from one load of the policy directory; immutable, swapped whole on reload.
 * Bindings are ordered by policy name, then binding name: the order policies are evaluated in.
 * The indexes give the bindings that may apply to a request's group and resource; the image scan
 * records are those the set's {@code spark.imageScan} reads.
 */
public record PolicySet(
    List<CompiledValidatingBinding> validatingBindings,
    List<CompiledValidatingPolicy> validatingPolicies,
    List<CompiledMutatingBinding> mutatingBindings,
    List<CompiledMutatingPolicy> mutatingPolicies,
    ParamLookup params,
    NamespaceLookup namespaces,
    String hash,
    BindingIndex<CompiledValidatingBinding> validatingIndex,
    BindingIndex<CompiledMutatingBinding> mutatingIndex,
    ImageScanIndex imageScans) {

  public static PolicySet of(
      List<CompiledValidatingBinding> validatingBindings,
      List<CompiledValidatingPolicy> validatingPolicies,
      List<CompiledMutatingBinding> mutatingBindings,
      List<CompiledMutatingPolicy> mutatingPolicies,
      ParamLookup params,
      NamespaceLookup namespaces,
      String hash) {
    return new PolicySet(validatingBindings, validatingPolicies, mutatingBindings, mutatingPolicies, params,
        namespaces, hash,
        BindingIndex.of(validatingBindings, b -> b.policy().constraints().resourceKeys()),
        BindingIndex.of(mutatingBindings, b -> b.policy().constraints().resourceKeys()),
        ImageScanIndex.EMPTY);
  }

  public static PolicySet empty() {
    return of(List.of(), List.of(), List.of(), List.of(), ParamStore.EMPTY, new FileNamespaces(Map.of()), "empty");
  }

  /**
   * The same policies with params and namespaces looked up in {@code params} and
   * {@code namespaces} first and in this set's own (its files') second: how cluster mode puts the
   * cluster's objects in front of the files'.
   */
  public PolicySet withSourcesInFront(ParamLookup params, NamespaceLookup namespaces) {
    return new PolicySet(validatingBindings, validatingPolicies, mutatingBindings, mutatingPolicies,
        new LayeredParams(params, this.params), new LayeredNamespaces(namespaces, this.namespaces), hash,
        validatingIndex, mutatingIndex, imageScans);
  }

  /** The same policies with these scan records (verified when they were loaded). */
  public PolicySet withImageScans(ImageScanIndex imageScans) {
    return new PolicySet(validatingBindings, validatingPolicies, mutatingBindings, mutatingPolicies, params,
        namespaces, hash, validatingIndex, mutatingIndex, imageScans);
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
