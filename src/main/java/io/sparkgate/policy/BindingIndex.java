package io.sparkgate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Bindings by the group and resource their policy can match, so a request looks only at the
 * bindings that may apply to it: adding policies for other resources costs a request nothing.
 * Each list keeps the evaluation order of the whole set.
 */
public final class BindingIndex<B> {
  private final Map<String, List<B>> byResource;
  private final List<B> anyResource;

  private BindingIndex(Map<String, List<B>> byResource, List<B> anyResource) {
    this.byResource = byResource;
    this.anyResource = anyResource;
  }

  /** @param keysOf a binding's "group/resource" keys; empty for a binding that may match anything */
  public static <B> BindingIndex<B> of(List<B> ordered, Function<B, Set<String>> keysOf) {
    Set<String> allKeys = new HashSet<>();
    for (B binding : ordered) {
      allKeys.addAll(keysOf.apply(binding));
    }
    Map<String, List<B>> byResource = new HashMap<>();
    for (String key : allKeys) {
      List<B> candidates = new ArrayList<>();
      for (B binding : ordered) {
        Set<String> keys = keysOf.apply(binding);
        if (keys.isEmpty() || keys.contains(key)) {
          candidates.add(binding);
        }
      }
      byResource.put(key, List.copyOf(candidates));
    }
    List<B> anyResource = new ArrayList<>();
    for (B binding : ordered) {
      if (keysOf.apply(binding).isEmpty()) {
        anyResource.add(binding);
      }
    }
    return new BindingIndex<>(Map.copyOf(byResource), List.copyOf(anyResource));
  }

  /** The bindings that may apply to a request for this group and resource, in evaluation order. */
  public List<B> candidates(String group, String resource) {
    List<B> candidates = byResource.get(group + "/" + resource);
    return candidates != null ? candidates : anyResource;
  }
}
