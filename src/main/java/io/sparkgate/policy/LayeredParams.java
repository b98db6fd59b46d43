package io.sparkgate.policy;

import io.sparkgate.match.LabelSelectorPredicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Two sources of params, the first winning: an object of the first source hides the object of
 * the same kind, namespace and name in the second. In cluster mode the first is the cluster and
 * the second the files beside the policies.
 */
public final class LayeredParams implements ParamLookup {
  private final ParamLookup first;
  private final ParamLookup second;

  public LayeredParams(ParamLookup first, ParamLookup second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public boolean has(ParamKind kind) {
    return first.has(kind) || second.has(kind);
  }

  @Override
  public boolean namespaced(ParamKind kind) {
    return first.has(kind) ? first.namespaced(kind) : second.namespaced(kind);
  }

  @Override
  public ParamObject byName(ParamKind kind, String namespace, String name) {
    ParamObject found = first.byName(kind, namespace, name);
    return found != null ? found : second.byName(kind, namespace, name);
  }

  @Override
  public List<ParamObject> bySelector(ParamKind kind, String namespace, LabelSelectorPredicate selector) {
    List<ParamObject> fromSecond = second.bySelector(kind, namespace, selector);
    List<ParamObject> fromFirst = first.bySelector(kind, namespace, selector);
    if (fromSecond.isEmpty()) {
      return fromFirst;
    }
    if (fromFirst.isEmpty()) {
      return hiddenRemoved(kind, namespace, fromSecond);
    }
    Set<String> names = new HashSet<>();
    fromFirst.forEach(object -> names.add(object.name()));
    List<ParamObject> merged = new ArrayList<>(fromFirst);
    for (ParamObject object : fromSecond) {
      if (!names.contains(object.name()) && first.byName(kind, namespace, object.name()) == null) {
        merged.add(object);
      }
    }
    merged.sort(Comparator.comparing(ParamObject::name));
    return merged;
  }

  @Override
  public List<ParamObject> all(ParamKind kind) {
    List<ParamObject> merged = new ArrayList<>(first.all(kind));
    for (ParamObject object : second.all(kind)) {
      String namespace = object.object().path("metadata").path("namespace").asText("");
      if (first.byName(kind, namespace, object.name()) == null) {
        merged.add(object);
      }
    }
    return merged;
  }

  /**
   * Objects of the second source whose name the first source holds (possibly not selected, with
   * other labels) stay hidden: the first source's version of an object is the one in force.
   */
  private List<ParamObject> hiddenRemoved(ParamKind kind, String namespace, List<ParamObject> fromSecond) {
    List<ParamObject> kept = null;
    for (int i = 0; i < fromSecond.size(); i++) {
      ParamObject object = fromSecond.get(i);
      boolean hidden = first.byName(kind, namespace, object.name()) != null;
      if (hidden && kept == null) {
        kept = new ArrayList<>(fromSecond.subList(0, i));
      } else if (!hidden && kept != null) {
        kept.add(object);
      }
    }
    return kept == null ? fromSecond : kept;
  }
}
