package io.sparkgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.match.LabelSelectorPredicate;
import io.sparkgate.policy.ParamChecks;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.policy.ParamLookup;
import io.sparkgate.policy.ParamObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parameter objects as the cluster's informers last saw them, by kind and namespace. Each
 * namespace's objects are an immutable list, replaced whole on a change, so a lookup reads one
 * consistent list without locking. Objects are checked ({@link ParamObject#of}) once, when they
 * arrive.
 */
public final class ClusterParams implements ParamLookup {
  private static final Comparator<ParamObject> BY_NAME = Comparator.comparing(ParamObject::name);

  private record KindCache(boolean namespaced, Map<String, List<ParamObject>> byNamespace) {}

  private final Map<ParamKind, KindCache> kinds = new ConcurrentHashMap<>();
  private final ParamChecks checks;

  ClusterParams(ParamChecks checks) {
    this.checks = checks;
  }

  /** Starts holding a kind (empty until its informer delivers objects). */
  void watch(ParamKind kind, boolean namespaced) {
    kinds.computeIfAbsent(kind, k -> new KindCache(namespaced, new ConcurrentHashMap<>()));
  }

  /** Stops holding a kind: its files' objects, if any, are in force again. */
  void forget(ParamKind kind) {
    kinds.remove(kind);
  }

  void put(ParamKind kind, JsonNode object) {
    KindCache cache = kinds.get(kind);
    if (cache == null) {
      return;
    }
    ParamObject param = ParamObject.of(object, checks);
    cache.byNamespace().compute(namespaceOf(object), (namespace, list) -> {
      List<ParamObject> next = new ArrayList<>(list == null ? 1 : list.size() + 1);
      if (list != null) {
        for (ParamObject existing : list) {
          if (!existing.name().equals(param.name())) {
            next.add(existing);
          }
        }
      }
      next.add(param);
      next.sort(BY_NAME);
      return List.copyOf(next);
    });
  }

  void remove(ParamKind kind, String namespace, String name) {
    KindCache cache = kinds.get(kind);
    if (cache == null) {
      return;
    }
    cache.byNamespace().computeIfPresent(namespace, (ns, list) -> {
      List<ParamObject> next = list.stream().filter(o -> !o.name().equals(name)).toList();
      return next.isEmpty() ? null : next;
    });
  }

  static String namespaceOf(JsonNode object) {
    return object.path("metadata").path("namespace").asText("");
  }

  @Override
  public boolean has(ParamKind kind) {
    return kinds.containsKey(kind);
  }

  @Override
  public boolean namespaced(ParamKind kind) {
    KindCache cache = kinds.get(kind);
    return cache == null || cache.namespaced();
  }

  @Override
  public ParamObject byName(ParamKind kind, String namespace, String name) {
    for (ParamObject object : inNamespace(kind, namespace)) {
      if (object.name().equals(name)) {
        return object;
      }
    }
    return null;
  }

  @Override
  public List<ParamObject> bySelector(ParamKind kind, String namespace, LabelSelectorPredicate selector) {
    List<ParamObject> objects = inNamespace(kind, namespace);
    if (selector.selectsEverything()) {
      return objects;
    }
    List<ParamObject> selected = new ArrayList<>();
    for (ParamObject object : objects) {
      if (selector.matches(LabelSelectorPredicate.labelsOf(object.object()))) {
        selected.add(object);
      }
    }
    return selected;
  }

  @Override
  public List<ParamObject> all(ParamKind kind) {
    KindCache cache = kinds.get(kind);
    return cache == null ? List.of() : cache.byNamespace().values().stream().flatMap(List::stream).toList();
  }

  private List<ParamObject> inNamespace(ParamKind kind, String namespace) {
    KindCache cache = kinds.get(kind);
    if (cache == null) {
      return List.of();
    }
    return cache.byNamespace().getOrDefault(namespace == null ? "" : namespace, List.of());
  }

  /** Objects held of a kind. */
  public int size(ParamKind kind) {
    KindCache cache = kinds.get(kind);
    return cache == null ? 0 : cache.byNamespace().values().stream().mapToInt(List::size).sum();
  }
}
