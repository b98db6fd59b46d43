package io.sparkgate.patch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How server-side apply merges the lists and maps of one kind, by field path (field names from
 * the root; list items add no step). Sparkgate knows the Pod schema's merge keys; every other
 * kind is treated as a CRD without list annotations, whose lists are atomic.
 */
public final class MergeSchema {
  /** How a list merges. */
  public sealed interface ListStrategy permits Keyed, Atomic, Unknown {}

  /** An associative list merged item by item on these key fields. */
  public record Keyed(List<String> keys, Map<String, String> keyDefaults) implements ListStrategy {}

  /** A list replaced whole; server-side apply from an admission policy may not touch it. */
  public record Atomic() implements ListStrategy {}

  /** A list whose merge strategy Sparkgate does not know (for example a set). */
  public record Unknown() implements ListStrategy {}

  private static final List<String> CONTAINER_LISTS =
      List.of("spec.containers", "spec.initContainers", "spec.ephemeralContainers");

  private static final MergeSchema POD = pod();
  private static final MergeSchema SCHEMALESS = new MergeSchema("a kind without a known schema", Map.of(), Set.of(), true);

  private final String description;
  private final Map<String, ListStrategy> lists;
  private final Set<String> atomicMaps;
  private final boolean listsAtomicByDefault;

  private MergeSchema(String description, Map<String, ListStrategy> lists, Set<String> atomicMaps,
      boolean listsAtomicByDefault) {
    this.description = description;
    this.lists = lists;
    this.atomicMaps = atomicMaps;
    this.listsAtomicByDefault = listsAtomicByDefault;
  }

  /** The schema of the objects a resource rule names: Pods for {@code pods} in the core group. */
  public static MergeSchema forResource(String group, String resource) {
    return group.isEmpty() && resource.equals("pods") ? POD : SCHEMALESS;
  }

  /**
   * Whether an apply configuration may never set the field: an atomic list or map of the schema,
   * or, for a kind without a schema, any field written as a list.
   */
  public boolean atomic(String path, boolean listValue) {
    return lists.get(path) instanceof Atomic || atomicMaps.contains(path) || (listValue && listsAtomicByDefault);
  }

  public static MergeSchema forKind(String apiVersion, String kind) {
    return "v1".equals(apiVersion) && "Pod".equals(kind) ? POD : SCHEMALESS;
  }

  /** e.g. "a Pod". */
  public String description() {
    return description;
  }

  public ListStrategy list(String path) {
    ListStrategy strategy = lists.get(path);
    if (strategy != null) {
      return strategy;
    }
    return listsAtomicByDefault ? new Atomic() : new Unknown();
  }

  public boolean atomicMap(String path) {
    return atomicMaps.contains(path);
  }

  private static MergeSchema pod() {
    Map<String, ListStrategy> lists = new HashMap<>();
    Keyed byName = new Keyed(List.of("name"), Map.of());
    Atomic atomic = new Atomic();
    lists.put("metadata.ownerReferences", new Keyed(List.of("uid"), Map.of()));
    lists.put("metadata.managedFields", atomic);
    lists.put("spec.volumes", byName);
    lists.put("spec.imagePullSecrets", byName);
    lists.put("spec.resourceClaims", byName);
    lists.put("spec.schedulingGates", byName);
    lists.put("spec.hostAliases", new Keyed(List.of("ip"), Map.of()));
    lists.put("spec.topologySpreadConstraints", new Keyed(List.of("topologyKey", "whenUnsatisfiable"), Map.of()));
    lists.put("spec.tolerations", atomic);
    lists.put("spec.readinessGates", atomic);
    for (String containers : CONTAINER_LISTS) {
      lists.put(containers, byName);
      lists.put(containers + ".env", byName);
      lists.put(containers + ".volumeMounts", new Keyed(List.of("mountPath"), Map.of()));
      lists.put(containers + ".volumeDevices", new Keyed(List.of("devicePath"), Map.of()));
      lists.put(containers + ".ports", new Keyed(List.of("containerPort", "protocol"), Map.of("protocol", "TCP")));
      lists.put(containers + ".resizePolicy", new Keyed(List.of("resourceName"), Map.of()));
      lists.put(containers + ".resources.claims", byName);
      lists.put(containers + ".command", atomic);
      lists.put(containers + ".args", atomic);
      lists.put(containers + ".envFrom", atomic);
      lists.put(containers + ".securityContext.capabilities.add", atomic);
      lists.put(containers + ".securityContext.capabilities.drop", atomic);
    }
    return new MergeSchema("a Pod", Map.copyOf(lists), Set.of("spec.nodeSelector"), false);
  }
}
