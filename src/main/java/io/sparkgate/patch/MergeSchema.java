package io.sparkgate.patch;

import io.sparkgate.schema.KubernetesSchemas;
import io.sparkgate.schema.SchemaNode;
import java.util.List;
import java.util.Optional;

/**
 * The schema server-side apply merges one kind's objects with: a bundled Kubernetes schema (see
 * {@link KubernetesSchemas}) or, for any other kind, an untyped one under which objects merge field
 * by field and every list is atomic, as lists of a CRD without {@code x-kubernetes-list-type} are.
 */
public final class MergeSchema {
  private static final MergeSchema SCHEMALESS = new MergeSchema("a kind without a known schema", SchemaNode.untyped(), false);

  private final String description;
  private final SchemaNode root;
  private final boolean known;

  private MergeSchema(String description, SchemaNode root, boolean known) {
    this.description = description;
    this.root = root;
    this.known = known;
  }

  public static MergeSchema forKind(String apiVersion, String kind) {
    return KubernetesSchemas.bundled().forKind(apiVersion, kind).map(MergeSchema::of).orElse(SCHEMALESS);
  }

  /**
   * The schema of the objects a resource rule names, or the untyped one when the rule's versions
   * ({@code null} for any) do not include the bundled version.
   */
  public static MergeSchema forResource(String group, String resource, List<String> versions) {
    for (KubernetesSchemas.GroupVersion groupVersion : KubernetesSchemas.groupVersions()) {
      if (groupVersion.group().equals(group)
          && (versions == null || versions.contains("*") || versions.contains(groupVersion.version()))) {
        Optional<KubernetesSchemas.Kind> kind =
            KubernetesSchemas.bundled().forResource(group, groupVersion.version(), resource);
        if (kind.isPresent()) {
          return of(kind.get());
        }
      }
    }
    return SCHEMALESS;
  }

  private static MergeSchema of(KubernetesSchemas.Kind kind) {
    String article = "AEIOU".indexOf(kind.kind().charAt(0)) >= 0 ? "an " : "a ";
    return new MergeSchema(article + kind.kind(), kind.root(), true);
  }

  /** e.g. "a Pod". */
  public String description() {
    return description;
  }

  public SchemaNode root() {
    return root;
  }

  /** Whether the kind has a known schema (so that undeclared fields are errors). */
  public boolean known() {
    return known;
  }

  /**
   * The first atomic list, map or struct on the way to a field an Object literal sets, as
   * {@code .spec.selector}; {@code path} has field names from the root (list items add no step).
   * Without a schema, a field set with a list literal is atomic.
   */
  public Optional<String> atomicOnPath(List<String> path, boolean listLiteral) {
    SchemaNode node = root;
    StringBuilder shown = new StringBuilder();
    for (String step : path) {
      node = node.shape() == SchemaNode.Shape.LIST ? node.items() : node;
      Optional<SchemaNode> next = node.field(step);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      node = next.get();
      shown.append('.').append(step);
      if (node.atomic()) {
        return Optional.of(shown.toString());
      }
    }
    return listLiteral && node.shape() == SchemaNode.Shape.UNTYPED ? Optional.of(shown.toString()) : Optional.empty();
  }

  /** Whether every field on {@code path} is declared (always, without a schema). */
  public boolean declares(List<String> path) {
    SchemaNode node = root;
    for (String step : path) {
      node = node.shape() == SchemaNode.Shape.LIST ? node.items() : node;
      Optional<SchemaNode> next = node.field(step);
      if (next.isEmpty()) {
        return false;
      }
      node = next.get();
    }
    return true;
  }
}
