package io.sparkgate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.types.CelTypeProvider;
import io.sparkgate.schema.KubernetesSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds {@code lint} knows the schema of: the bundled built-in kinds ({@link KubernetesSchemas}:
 * Pod, Namespace, ConfigMap, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
 * NetworkPolicy), the kubeflow operator's SparkApplication and ScheduledSparkApplication, the Apache
 * operator's SparkApplication, and Sparkgate's SparkTenant (the pack's paramKind). Built once per
 * lint run; never on the request path.
 */
final class SchemaRegistry {
  private record Resource(String group, String resource, KindSchema schema) {}

  private final SchemaTypes types = new SchemaTypes();
  private final List<Resource> resources;
  private final KindSchema sparkTenant;
  private final Map<String, KindSchema> builtIns = new HashMap<>();

  SchemaRegistry() {
    ObjectMapper mapper = new ObjectMapper();
    this.resources = List.of(
        new Resource("sparkoperator.k8s.io", "sparkapplications",
            crd(mapper, "sparkoperator.k8s.io", "v1beta2", "SparkApplication", "sparkapplications")),
        new Resource("sparkoperator.k8s.io", "scheduledsparkapplications",
            crd(mapper, "sparkoperator.k8s.io", "v1beta2", "ScheduledSparkApplication", "scheduledsparkapplications")),
        new Resource("spark.apache.org", "sparkapplications",
            crd(mapper, "spark.apache.org", "v1", "SparkApplication", "sparkapplications")));
    this.sparkTenant = crd(mapper, "sparkgate.io", "v1", "SparkTenant", "sparktenants");
  }

  CelTypeProvider types() {
    return types;
  }

  /**
   * The schema of a resource that a rule names, when known and the rule's versions include the
   * schema's ({@code *} or the same version).
   */
  Optional<KindSchema> forResource(String group, String resource, List<String> versions) {
    for (KubernetesSchemas.GroupVersion groupVersion : KubernetesSchemas.groupVersions()) {
      if (groupVersion.group().equals(group)
          && (versions == null || versions.contains("*") || versions.contains(groupVersion.version()))) {
        Optional<KubernetesSchemas.Kind> builtIn =
            KubernetesSchemas.bundled().forResource(group, groupVersion.version(), resource);
        if (builtIn.isPresent()) {
          return Optional.of(builtIn(builtIn.get()));
        }
      }
    }
    for (Resource known : resources) {
      if (known.group().equals(group) && known.resource().equals(resource)
          && (versions == null || versions.contains("*") || versions.contains(known.schema().version()))) {
        return Optional.of(known.schema());
      }
    }
    return Optional.empty();
  }

  /** The schema of a paramKind, when known: SparkTenant or a bundled built-in kind (a ConfigMap, say). */
  Optional<KindSchema> forParamKind(String apiVersion, String kind) {
    if (sparkTenant.apiVersion().equals(apiVersion) && sparkTenant.kind().equals(kind)) {
      return Optional.of(sparkTenant);
    }
    return KubernetesSchemas.bundled().forKind(apiVersion, kind).map(this::builtIn);
  }

  private KindSchema builtIn(KubernetesSchemas.Kind kind) {
    return builtIns.computeIfAbsent(kind.groupVersion().apiVersion() + "/" + kind.kind(), key -> {
      String name = "schema:" + key + "#";
      return new KindSchema(kind.groupVersion().group(), kind.groupVersion().version(), kind.kind(),
          types.kubernetesType(name, kind.root()));
    });
  }

  private KindSchema crd(ObjectMapper mapper, String group, String version, String kind, String plural) {
    String file = "/schemas/" + group + "_" + version + "_" + plural + ".json";
    try (InputStream in = SchemaRegistry.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + file);
      }
      JsonNode schema = mapper.readTree(in);
      return new KindSchema(group, version, kind, types.rootType("schema:" + group + "/" + version + "/" + kind + "#", schema));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
