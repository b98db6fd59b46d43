package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.admission.ClusterScopedKinds;
import io.sparkgate.match.LabelSelectorPredicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parameter objects by kind and namespace, as files give them; immutable once built. */
public final class ParamStore implements ParamLookup {
  public static final ParamStore EMPTY = new ParamStore(Map.of());

  private final Map<ParamKind, Map<String, List<ParamObject>>> objects;

  private ParamStore(Map<ParamKind, Map<String, List<ParamObject>>> objects) {
    this.objects = objects;
  }

  @Override
  public boolean has(ParamKind kind) {
    return objects.containsKey(kind);
  }

  @Override
  public boolean namespaced(ParamKind kind) {
    Map<String, List<ParamObject>> byNamespace = objects.get(kind);
    if (byNamespace != null && !byNamespace.isEmpty()) {
      return !(byNamespace.size() == 1 && byNamespace.containsKey(""));
    }
    return !ClusterScopedKinds.containsApiVersion(kind.apiVersion(), kind.kind());
  }

  @Override
  public ParamObject byName(ParamKind kind, String namespace, String name) {
    for (ParamObject object : inNamespace(kind, namespace)) {
      if (name.equals(object.name())) {
        return object;
      }
    }
    return null;
  }

  @Override
  public List<ParamObject> bySelector(ParamKind kind, String namespace, LabelSelectorPredicate selector) {
    List<ParamObject> selected = new ArrayList<>();
    for (ParamObject object : inNamespace(kind, namespace)) {
      if (selector.matches(LabelSelectorPredicate.labelsOf(object.object()))) {
        selected.add(object);
      }
    }
    return selected;
  }

  @Override
  public List<ParamObject> all(ParamKind kind) {
    Map<String, List<ParamObject>> byNamespace = objects.get(kind);
    return byNamespace == null ? List.of() : byNamespace.values().stream().flatMap(List::stream).toList();
  }

  private List<ParamObject> inNamespace(ParamKind kind, String namespace) {
    Map<String, List<ParamObject>> byNamespace = objects.get(kind);
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
    private final Map<ParamKind, Map<String, List<ParamObject>>> objects = new HashMap<>();
    private final ParamChecks checks;

    public Builder() {
      this(ParamChecks.standard());
    }

    public Builder(ParamChecks checks) {
      this.checks = checks;
    }

    public void add(JsonNode object) {
      ParamKind kind = new ParamKind(object.path("apiVersion").asText(), object.path("kind").asText());
      String namespace = object.path("metadata").path("namespace").asText("");
      objects.computeIfAbsent(kind, k -> new HashMap<>())
          .computeIfAbsent(namespace, n -> new ArrayList<>())
          .add(ParamObject.of(object, checks));
    }

    public ParamStore build() {
      Map<ParamKind, Map<String, List<ParamObject>>> frozen = new HashMap<>();
      Comparator<ParamObject> byName = Comparator.comparing(ParamObject::name);
      objects.forEach((kind, byNamespace) -> {
        Map<String, List<ParamObject>> copy = new HashMap<>();
        byNamespace.forEach((namespace, list) ->
            copy.put(namespace, list.stream().sorted(byName).toList()));
        frozen.put(kind, Map.copyOf(copy));
      });
      return new ParamStore(Map.copyOf(frozen));
    }
  }
}
