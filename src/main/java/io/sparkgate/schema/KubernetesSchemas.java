package io.sparkgate.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled OpenAPI v3 schemas of the built-in kinds Sparkgate knows (see
 * {@code schemas/SOURCES.md}): {@code v1} Pod, Namespace and ConfigMap; {@code apps/v1} Deployment,
 * StatefulSet, DaemonSet and ReplicaSet; {@code batch/v1} Job and CronJob;
 * {@code networking.k8s.io/v1} NetworkPolicy. A document is read the first time one of its kinds
 * is asked for, so a policy set that never mutates or lints these kinds never loads them.
 */
public final class KubernetesSchemas {
  private static final KubernetesSchemas BUNDLED = new KubernetesSchemas();
  private static final List<GroupVersion> GROUP_VERSIONS = List.of(
      new GroupVersion("", "v1"), new GroupVersion("apps", "v1"),
      new GroupVersion("batch", "v1"), new GroupVersion("networking.k8s.io", "v1"));

  /** A group version with a bundled document. */
  public record GroupVersion(String group, String version) {
    public String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    String resourcePath() {
      return "/schemas/kubernetes/" + (group.isEmpty() ? "api__" + version : "apis__" + group + "__" + version) + ".json";
    }
  }

  /** A kind with a bundled schema: where it lives and its root node. */
  public record Kind(GroupVersion groupVersion, String kind, SchemaNode root) {
    /** As messages name it: {@code Deployment (apps/v1)}. */
    public String description() {
      return kind + " (" + groupVersion.apiVersion() + ")";
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<GroupVersion, OpenApiDocument> documents = new ConcurrentHashMap<>();

  private KubernetesSchemas() {}

  /** The one set of bundled schemas; documents load on first use. */
  public static KubernetesSchemas bundled() {
    return BUNDLED;
  }

  public static List<GroupVersion> groupVersions() {
    return GROUP_VERSIONS;
  }

  /** The schema of objects of {@code apiVersion} and {@code kind}, when bundled. */
  public Optional<Kind> forKind(String apiVersion, String kind) {
    for (GroupVersion groupVersion : GROUP_VERSIONS) {
      if (groupVersion.apiVersion().equals(apiVersion)) {
        return document(groupVersion).kind(kind).map(root -> new Kind(groupVersion, kind, root));
      }
    }
    return Optional.empty();
  }

  /** The schema of the objects a resource serves in a group version, when bundled. */
  public Optional<Kind> forResource(String group, String version, String resource) {
    GroupVersion groupVersion = new GroupVersion(group, version);
    if (!GROUP_VERSIONS.contains(groupVersion)) {
      return Optional.empty();
    }
    OpenApiDocument document = document(groupVersion);
    return document.resource(resource).flatMap(root -> document.kindOf(resource)
        .map(kind -> new Kind(groupVersion, kind, root)));
  }

  private OpenApiDocument document(GroupVersion groupVersion) {
    return documents.computeIfAbsent(groupVersion, gv ->
        OpenApiDocument.load(mapper, gv.group(), gv.version(), gv.resourcePath()));
  }
}
