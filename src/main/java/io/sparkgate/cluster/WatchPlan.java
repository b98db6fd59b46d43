package io.sparkgate.cluster;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.sparkgate.enforce.SparkKinds;
import io.sparkgate.policy.CompiledValidatingBinding;
import io.sparkgate.policy.CompiledMutatingBinding;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.policy.ParamReference;
import io.sparkgate.policy.PolicySet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which parameter kinds the loaded policies need from the cluster, and how narrowly each can be
 * watched. Only kinds named by a policy's {@code paramKind} and used by a binding's
 * {@code paramRef} are watched. When every binding of a kind refers to the same namespace, the
 * same name or the same non-empty label selector, the watch asks the API server for just that;
 * otherwise it watches every object of the kind. When policies use SparkTenants, all of them and
 * all SparkPolicyExceptions are watched: tenants' enforcement settings and exceptions apply to
 * every request of their namespace.
 */
public record WatchPlan(Map<ParamKind, Scope> kinds) {

  /** What of one kind to watch: each field null for "any". */
  public record Scope(String namespace, String name, LabelSelector labels) {
    static final Scope EVERYTHING = new Scope(null, null, null);

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      parts.add(namespace == null ? "all namespaces" : "namespace " + namespace);
      if (name != null) {
        parts.add("name " + name);
      }
      if (labels != null) {
        parts.add("labels " + Selectors.text(labels));
      }
      return String.join(", ", parts);
    }
  }

  public static WatchPlan of(PolicySet set) {
    Map<ParamKind, List<ParamReference>> references = new HashMap<>();
    for (CompiledValidatingBinding binding : set.validatingBindings()) {
      add(references, binding.policy().paramKind(), binding.paramRef());
    }
    for (CompiledMutatingBinding binding : set.mutatingBindings()) {
      add(references, binding.policy().paramKind(), binding.paramRef());
    }
    Map<ParamKind, Scope> kinds = new TreeMap<>(Comparator.comparing(ParamKind::toString));
    references.forEach((kind, refs) -> kinds.put(kind, scope(refs)));
    // with the Spark pack loaded, every tenant's enforcement and every exception decide requests,
    // whatever the bindings select
    if (kinds.containsKey(SparkKinds.TENANT)) {
      for (ParamKind kind : SparkKinds.READ_WITH_TENANTS) {
        kinds.put(kind, Scope.EVERYTHING);
      }
    }
    return new WatchPlan(kinds);
  }

  private static void add(Map<ParamKind, List<ParamReference>> references, ParamKind kind, ParamReference ref) {
    if (kind != null && ref != null) {
      references.computeIfAbsent(kind, k -> new ArrayList<>()).add(ref);
    }
  }

  private static Scope scope(List<ParamReference> refs) {
    String namespace = same(refs.stream().map(r -> r.namespace().isEmpty() ? null : r.namespace()).toList());
    String name = same(refs.stream().map(ParamReference::name).toList());
    LabelSelector labels = null;
    if (refs.stream().allMatch(r -> r.name() == null && r.selector() != null && !r.selector().selectsEverything())) {
      labels = same(refs.stream().map(r -> r.selector().source()).toList());
    }
    return new Scope(namespace, name, labels);
  }

  /** The one value every element has; null when they differ or any is null. */
  private static <T> T same(List<T> values) {
    T first = values.isEmpty() ? null : values.get(0);
    if (first == null) {
      return null;
    }
    for (T value : values) {
      if (!Objects.equals(first, value)) {
        return null;
      }
    }
    return first;
  }
}
