package io.sparkgate.policy;

import io.sparkgate.match.LabelSelectorPredicate;
import java.util.List;

/**
 * Where policy bindings find their parameter objects: the files beside the policies
 * ({@link ParamStore}), objects read from a cluster, or both ({@link LayeredParams}). Lookups are
 * answered from memory, without locks, on the request path.
 */
public interface ParamLookup {
  /** Whether this source has anything to say about the kind: objects of it, or a watch on it. */
  boolean has(ParamKind kind);

  /** Whether params of this kind live in namespaces. */
  boolean namespaced(ParamKind kind);

  /** The object of that name, or null. {@code namespace} is "" for cluster-scoped kinds. */
  ParamObject byName(ParamKind kind, String namespace, String name);

  /** The objects the selector selects, ordered by name. */
  List<ParamObject> bySelector(ParamKind kind, String namespace, LabelSelectorPredicate selector);

  /** Every object of the kind in every namespace (for gauges and reports, not the request path). */
  List<ParamObject> all(ParamKind kind);
}
