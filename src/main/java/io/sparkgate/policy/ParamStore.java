package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.match.LabelSelectorPredicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parameter objects by kind and namespace; immutable once built. */
public final class ParamStore {
  private static final Set<String> CLUSTER_SCOPED_KINDS =
      Set.of("Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding",
          "StorageClass", "PriorityClass", "CustomResourceDefinition", "RuntimeClass");

  public static final ParamStore EMPTY = new ParamStore(Map.of());

  private final Map<ParamKind, Map<String, List<JsonNode>>> objects;

  private ParamStore(Map<ParamKind, Map<String, List<JsonNode>>> objects) {
    this.objects = objects;
  }

  /** Whether params of this kind live in namespaces. */
  public boolean namespaced(ParamKind kind) {
    Map<String, List<JsonNode>> byNamespace = objects.get(kind);
    if (byNamespace != null && !byNamespace.isEmpty()) {
      return !(byNamespace.size() == 1 && byNamespace.containsKey(""));
    }
    return !CLUSTER_SCOPED_KINDS.contains(kind.kind());
  }

  public JsonNode byName(ParamKind kind, String namespace, String name) {
    for (JsonNode object : inNamespace(kind, namespace)) {
      if (name.equals(object.path("metadata").path("name").asText())) {
        return object;
      }
    }
    return null;
  }

  public List<JsonNode> bySelector(ParamKind kind, String namespace, LabelSelectorPredicate selector) {
    List<JsonNode> selected = new ArrayList<>();
    for (JsonNode object : inNamespace(kind, namespace)) {
      if (selector.matches(LabelSelectorPredicate.labelsOf(object))) {
        selected.add(object);
      }
    }
    return selected;
  }

  private List<JsonNode> inNamespace(ParamKind kind, String namespace) {
    Map<String, List<JsonNode>> byNamespace = objects.get(kind);
    if (byNamespace == null) {
      return List.of();
    }
    return byNamespace.getOrDefault(namespace == null ? "" : namespace, List.of());
  }

  public int size() {
    return objects.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).sum();
  }

  /** Collects objects while policies load. */
  public static final class Builder {
    private final Map<ParamKind, Map<String, List<JsonNode>>> objects = new HashMap<>();

    public void add(JsonNode object) {
      ParamKind kind = new ParamKind(object.path("apiVersion").asText(), object.path("kind").asText());
      String namespace = object.path("metadata").path("namespace").asText("");
      objects.computeIfAbsent(kind, k -> new HashMap<>())
          .computeIfAbsent(namespace, n -> new ArrayList<>())
          .add(object);
    }

    public ParamStore build() {
      Map<ParamKind, Map<String, List<JsonNode>>> frozen = new HashMap<>();
      Comparator<JsonNode> byName = Comparator.comparing(o -> o.path("metadata").path("name").asText());
      objects.forEach((kind, byNamespace) -> {
        Map<String, List<JsonNode>> copy = new HashMap<>();
        byNamespace.forEach((namespace, list) ->
            copy.put(namespace, list.stream().sorted(byName).toList()));
        frozen.put(kind, Map.copyOf(copy));
      });
      return new ParamStore(Map.copyOf(frozen));
    }
  }
}
