package io.sparkgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonPatch;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API server may call /mutate again with Sparkgate's own output: for every mutating policy
 * shipped or in the fixtures, and every object in the fixtures, a second pass patches nothing.
 */
class MutationIdempotenceTest {
  private static final List<Path> POLICY_DIRS = List.of(Path.of("policies"), Path.of("test-fixtures/mutation/policies"));
  private static final List<String> NAMESPACES = List.of("team-alpha", "team-gold", "default");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void applyingThePatchAndEvaluatingAgainYieldsNoPatch() throws Exception {
    PolicySet set = load();
    assertThat(set.mutatingBindings()).as("mutating policies to check").isNotEmpty();
    OfflineAdmission admission = new OfflineAdmission();
    int patched = 0;
    for (JsonNode object : fixtureObjects()) {
      for (String namespace : NAMESPACES) {
        ReviewBuilder builder = new ReviewBuilder().namespace(namespace);
        JsonNode first = admission.respond(object, builder, set, Phase.MUTATE, Explainer.NONE).path("response");
        if (!first.has("patch")) {
          continue;
        }
        patched++;
        Review review = admission.review(object, builder, set, Phase.MUTATE, Explainer.NONE, Instant.now());
        List<String> pathsInPatch = new ArrayList<>();
        JSON.readTree(review.response().patch()).forEach(operation -> pathsInPatch.add(operation.path("path").asText()));
        assertThat(review.patchPaths()).as("the paths the audit log records are the patch's").isEqualTo(pathsInPatch);
        JsonNode mutated = JsonPatch.apply(JSON.readTree(Base64.getDecoder().decode(first.get("patch").asText())), object);
        JsonNode second = admission.respond(mutated, builder, set, Phase.MUTATE, Explainer.NONE).path("response");
        assertThat(second.has("patch"))
            .as("second pass over %s in %s patched %s", object.path("metadata").path("name"), namespace,
                second.has("patch") ? new String(Base64.getDecoder().decode(second.get("patch").asText())) : "")
            .isFalse();
        assertThat(second.path("allowed").asBoolean()).isTrue();
      }
    }
    assertThat(patched).as("fixtures some policy patches").isPositive();
  }

  private static PolicySet load() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path dir : POLICY_DIRS) {
      for (Path file : PolicyFiles.list(dir)) {
        texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).compile(texts, new ArrayList<>());
    assertThat(result.errors()).isEmpty();
    return result.policySet();
  }

  /** Every Kubernetes object in test-fixtures: object files, and objects given inline in suites. */
  static List<JsonNode> fixtureObjects() throws Exception {
    List<JsonNode> objects = new ArrayList<>();
    YamlDocumentReader reader = new YamlDocumentReader();
    for (Path file : PolicyFiles.list(Path.of("test-fixtures"))) {
      for (SourceDocument document : reader.read(file, Files.readString(file, StandardCharsets.UTF_8))) {
        collect(document.tree(), objects);
      }
    }
    return objects;
  }

  private static void collect(JsonNode node, List<JsonNode> objects) {
    if (node.isObject() && isAdmittedObject(node)) {
      objects.add(node);
      return;
    }
    if (node.isObject() && "AdmissionReview".equals(node.path("kind").asText()) && node.path("request").has("object")) {
      objects.add(node.path("request").path("object"));
      return;
    }
    node.forEach(child -> collect(child, objects));
  }

  private static boolean isAdmittedObject(JsonNode node) {
    String apiVersion = node.path("apiVersion").asText("");
    String kind = node.path("kind").asText("");
    return !apiVersion.isEmpty() && !kind.isEmpty() && node.path("metadata").has("name")
        && !apiVersion.startsWith("admissionregistration.k8s.io/") && !kind.equals("AdmissionReview");
  }
}
