package io.sparkgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan of a cluster's objects reports, object by object and policy by policy, what {@code eval}
 * answers for each object when the Namespaces, NetworkPolicies and SparkTenants of the cluster sit in the policy
 * directory.
 */
class ScanMatchesEvalTest {
  static final Path CLUSTER = Path.of("test-fixtures/scan/cluster.yaml");

  @Test
  void countsPerPolicyEqualTheDecisionsOfEvalObjectByObject(@TempDir Path dir) throws Exception {
    List<ScannedObject> objects = new ScanInputs(new ByteArrayInputStream(new byte[0])).read(List.of(CLUSTER.toString()));
    PolicySetLoader loader = new PolicySetLoader(CelEnvironment.standard());
    PolicySet policies = loader.load(Path.of("policies")).policySet();
    ScanResult scan = new Scanner().scan(policies, objects, null);

    PolicySet evalSet = loader.load(policyDirectoryWithParams(dir, objects)).policySet();
    OfflineAdmission eval = new OfflineAdmission();
    Map<String, Integer> deniedBy = new TreeMap<>();
    Map<String, Integer> warnedBy = new TreeMap<>();
    int denied = 0;
    for (int i = 0; i < objects.size(); i++) {
      JsonNode response = eval.respond(objects.get(i).object(),
          new ReviewBuilder().user("sparkgate-eval", List.of("system:authenticated")), evalSet, Phase.ALL,
          Explainer.NONE).path("response");
      boolean allowed = response.path("allowed").asBoolean();
      assertThat(scan.objects().get(i).allowed()).as(objects.get(i).source()).isEqualTo(allowed);
      denied += allowed ? 0 : 1;
      String message = response.path("status").path("message").asText("");
      for (var validating : evalSet.validatingPolicies()) {
        String named = "'" + validating.name() + "' with binding";
        if (message.contains(named)) {
          deniedBy.merge(validating.name(), 1, Integer::sum);
        }
        for (JsonNode warning : response.path("warnings")) {
          if (warning.asText().contains(named)) {
            warnedBy.merge(validating.name(), 1, Integer::sum);
          }
        }
      }
    }

    assertThat(countsOf(scan, ScanStatus.FAIL)).isEqualTo(deniedBy);
    assertThat(countsOf(scan, ScanStatus.WARN)).isEqualTo(warnedBy);
    assertThat(denied).isEqualTo(5);
    assertThat(deniedBy).containsEntry("sparkgate.io.spark-app-resources", 2)
        .containsEntry("sparkgate.io.spark-naming", 1)
        .containsEntry("sparkgate.io.tenant-required-for-apps", 1)
        .containsEntry("sparkgate.io.tenant-required-for-pods", 1);
  }

  private static Map<String, Integer> countsOf(ScanResult scan, ScanStatus status) {
    Map<String, Integer> counts = new TreeMap<>();
    scan.objects().forEach(outcome -> outcome.findings().stream().filter(f -> f.status() == status)
        .forEach(f -> counts.merge(f.policy(), 1, Integer::sum)));
    return counts;
  }

  /** The pack's policies with the cluster's Namespaces and SparkTenants beside them. */
  private static Path policyDirectoryWithParams(Path dir, List<ScannedObject> objects) throws Exception {
    try (Stream<Path> files = Files.list(Path.of("policies"))) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    StringBuilder params = new StringBuilder();
    for (ScannedObject object : objects) {
      if (object.isNamespace() || object.kind().equals("SparkTenant") || object.kind().equals("NetworkPolicy")) {
        params.append(yaml.writeValueAsString(object.object()));
      }
    }
    Files.writeString(dir.resolve("cluster-params.yaml"), params);
    return dir;
  }
}
