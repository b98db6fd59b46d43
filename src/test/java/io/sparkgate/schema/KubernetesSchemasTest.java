package io.sparkgate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bundled schemas: every kind is reachable by resource and kind, and read as server-side apply reads it. */
class KubernetesSchemasTest {
  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.bundled();
  private static final Map<String, List<String>> RESOURCES = Map.of(
      "/v1", List.of("pods:Pod", "namespaces:Namespace", "configmaps:ConfigMap"),
      "apps/v1", List.of("deployments:Deployment", "statefulsets:StatefulSet", "daemonsets:DaemonSet",
          "replicasets:ReplicaSet"),
      "batch/v1", List.of("jobs:Job", "cronjobs:CronJob"),
      "networking.k8s.io/v1", List.of("networkpolicies:NetworkPolicy"));

  private static SchemaNode at(String apiVersion, String kind, String... path) {
    SchemaNode node = SCHEMAS.forKind(apiVersion, kind).orElseThrow().root();
    for (String step : path) {
      node = step.equals("[]") ? node.items() : node.field(step).orElseThrow(() -> new AssertionError(step));
    }
    return node;
  }

  @Test
  void everyBundledResourceServesItsKindAndEveryReferenceResolves() {
    RESOURCES.forEach((groupVersion, resources) -> {
      String group = groupVersion.substring(0, groupVersion.indexOf('/'));
      String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
      for (String entry : resources) {
        String[] resourceKind = entry.split(":");
        KubernetesSchemas.Kind kind = SCHEMAS.forResource(group, version, resourceKind[0]).orElseThrow();
        assertThat(kind.kind()).isEqualTo(resourceKind[1]);
        assertThat(kind.root().fieldNames()).contains("apiVersion", "kind", "metadata");
        assertThat(walk(kind.root())).as(entry).isGreaterThan(3);
      }
    });
    assertThat(SCHEMAS.forResource("apps", "v1beta1", "deployments")).isEmpty();
    assertThat(SCHEMAS.forKind("sparkoperator.k8s.io/v1beta2", "SparkApplication")).isEmpty();
  }

  /** Visits every node once per definition (so a missing $ref throws); the number of struct definitions seen. */
  private static int walk(SchemaNode root) {
    Set<String> seen = new HashSet<>();
    Deque<SchemaNode> todo = new ArrayDeque<>(List.of(root));
    int structs = 0;
    while (!todo.isEmpty()) {
      SchemaNode node = todo.pop();
      if (node.definitionName().isPresent() && !seen.add(node.definitionName().get())) {
        continue;
      }
      switch (node.shape()) {
        case STRUCT -> {
          structs++;
          node.fieldNames().forEach(field -> todo.push(node.field(field).orElseThrow()));
        }
        case MAP -> todo.push(node.values());
        case LIST -> todo.push(node.items());
        default -> { }
      }
    }
    return structs;
  }

  @Test
  void listTypesKeysAndAtomicsAreReadFromTheExtensions() {
    SchemaNode containers = at("apps/v1", "Deployment", "spec", "template", "spec", "containers");
    assertThat(containers.listType()).isEqualTo(SchemaNode.ListType.MAP);
    assertThat(containers.keys()).containsExactly("name");
    SchemaNode ports = containers.items().field("ports").orElseThrow();
    assertThat(ports.keys()).containsExactly("containerPort", "protocol");
    assertThat(ports.items().fieldDefault("protocol").orElseThrow().asText()).isEqualTo("TCP");
    assertThat(at("v1", "Pod", "spec", "tolerations").atomic()).isTrue();
    assertThat(at("v1", "Pod", "spec", "nodeSelector").atomic()).isTrue();
    assertThat(at("v1", "Pod", "metadata", "labels").atomic()).isFalse();
    assertThat(at("v1", "Namespace", "metadata", "finalizers").listType()).isEqualTo(SchemaNode.ListType.SET);
    assertThat(at("v1", "Namespace", "spec", "finalizers").atomic()).isTrue();
    assertThat(at("apps/v1", "StatefulSet", "spec", "selector").atomic()).isTrue();
    assertThat(at("apps/v1", "StatefulSet", "spec", "selector").shape()).isEqualTo(SchemaNode.Shape.STRUCT);
    assertThat(at("batch/v1", "Job", "status", "conditions").atomic()).isTrue();
    assertThat(at("apps/v1", "Deployment", "status", "conditions").keys()).containsExactly("type");
    assertThat(at("networking.k8s.io/v1", "NetworkPolicy", "spec", "podSelector").atomic()).isTrue();
    assertThat(at("v1", "Pod", "spec", "containers", "[]", "resources", "limits").values().scalarType())
        .isEqualTo(SchemaNode.ScalarType.ANY);
    assertThat(at("batch/v1", "CronJob", "spec", "jobTemplate", "spec", "backoffLimit").scalarType())
        .isEqualTo(SchemaNode.ScalarType.INTEGER);
    assertThat(at("v1", "Pod", "spec").field("containerz")).isEmpty();
    assertThat(SchemaNode.untyped().field("anything")).contains(SchemaNode.untyped());
  }
}
