package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.sparkgate.match.LabelSelectorPredicate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first source wins per kind, namespace and name; the second fills in the rest. */
class LayeredSourcesTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ParamKind CM = new ParamKind("v1", "ConfigMap");

  static JsonNode cm(String namespace, String name, String team) throws Exception {
    return YAML.readTree("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: " + namespace
        + ", labels: {team: " + team + "}}, data: {from: " + team + "}}");
  }

  static ParamStore store(JsonNode... objects) {
    ParamStore.Builder builder = new ParamStore.Builder();
    for (JsonNode object : objects) {
      builder.add(object);
    }
    return builder.build();
  }

  static List<String> names(List<ParamObject> objects) {
    return objects.stream().map(o -> o.name() + "=" + o.object().path("data").path("from").asText()).toList();
  }

  @Test
  void firstSourceWinsByNameAndSelectorsNeverSeeTheHiddenObject() throws Exception {
    ParamStore cluster = store(cm("a", "shared", "cluster"), cm("a", "only-cluster", "cluster"));
    ParamStore files = store(cm("a", "shared", "files"), cm("a", "only-files", "files"), cm("b", "x", "files"));
    LayeredParams layered = new LayeredParams(cluster, files);
    assertThat(layered.byName(CM, "a", "shared").object().path("data").path("from").asText()).isEqualTo("cluster");
    assertThat(layered.byName(CM, "a", "only-files")).isNotNull();
    assertThat(names(layered.bySelector(CM, "a", LabelSelectorPredicate.EVERYTHING)))
        .containsExactly("only-cluster=cluster", "only-files=files", "shared=cluster");
    assertThat(names(layered.bySelector(CM, "b", LabelSelectorPredicate.EVERYTHING))).containsExactly("x=files");
    // the cluster's "shared" is not selected by team=files, and the files' "shared" stays hidden
    LabelSelectorPredicate filesTeam = LabelSelectorPredicate.of(new LabelSelectorBuilder()
        .withMatchLabels(Map.of("team", "files")).build());
    assertThat(names(layered.bySelector(CM, "a", filesTeam))).containsExactly("only-files=files");
    assertThat(layered.has(CM)).isTrue();
    assertThat(layered.namespaced(CM)).isTrue();
  }

  @Test
  void namespacesFromTheFirstSourceWinAndUnknownOnesAreSynthesised() throws Exception {
    JsonNode clusterA = YAML.readTree("{apiVersion: v1, kind: Namespace, metadata: {name: a, labels: {from: cluster}}}");
    JsonNode filesA = YAML.readTree("{apiVersion: v1, kind: Namespace, metadata: {name: a, labels: {from: files}}}");
    JsonNode filesB = YAML.readTree("{apiVersion: v1, kind: Namespace, metadata: {name: b, labels: {from: files}}}");
    LayeredNamespaces layered = new LayeredNamespaces(new FileNamespaces(Map.of("a", clusterA)),
        new FileNamespaces(Map.of("a", filesA, "b", filesB)));
    assertThat(layered.namespace("a").at("/metadata/labels/from").asText()).isEqualTo("cluster");
    assertThat(layered.namespace("b").at("/metadata/labels/from").asText()).isEqualTo("files");
    assertThat(layered.namespace("c").at("/metadata/labels").toString())
        .isEqualTo("{\"kubernetes.io/metadata.name\":\"c\"}");
    assertThat(layered.known("c")).isNull();
  }

  @Test
  void theHolderAppliesTheOverlayToEveryPublishedSet() throws Exception {
    PolicySetHolder holder = new PolicySetHolder();
    PolicySet files = PolicySet.of(List.of(), List.of(), List.of(), List.of(), store(cm("a", "x", "files")),
        new FileNamespaces(Map.of()), "h1");
    holder.publish(files);
    List<PolicySet> seen = new java.util.ArrayList<>();
    holder.onPublish(seen::add);
    assertThat(holder.current().params().byName(CM, "a", "x").object().at("/data/from").asText()).isEqualTo("files");
    ParamStore cluster = store(cm("a", "x", "cluster"));
    holder.overlay(set -> set.withSourcesInFront(cluster, new FileNamespaces(Map.of())));
    assertThat(holder.current().params().byName(CM, "a", "x").object().at("/data/from").asText()).isEqualTo("cluster");
    assertThat(holder.current().hash()).isEqualTo("h1");
    PolicySet reloaded = PolicySet.of(List.of(), List.of(), List.of(), List.of(), ParamStore.EMPTY,
        new FileNamespaces(Map.of()), "h2");
    holder.publish(reloaded);
    assertThat(holder.current().params().byName(CM, "a", "x").object().at("/data/from").asText()).isEqualTo("cluster");
    assertThat(holder.published()).isSameAs(reloaded);
    assertThat(seen).containsExactly(reloaded);
  }
}
