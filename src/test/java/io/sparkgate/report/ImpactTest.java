package io.sparkgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --baseline: tightening one tenant limit lists exactly the objects the new limit denies. */
class ImpactTest {
  static final List<String> OBJECTS = Stream.of("app-scala.yaml", "app-python-dynamic.yaml", "scheduled-app.yaml",
      "apache-app.yaml", "driver-pod.yaml", "executor-pod.yaml").map(f -> "test-fixtures/spark/" + f).toList();

  @Test
  void tighteningTheExecutorLimitListsExactlyTheNewlyDeniedObjects(@TempDir Path dir) throws Exception {
    String tenant = Files.readString(Path.of("test-fixtures/spark/tenant-alpha.yaml"));
    assertThat(tenant).contains("maxInstances: 20");
    Path old = policies(dir.resolve("old"), tenant);
    Path proposed = policies(dir.resolve("new"), tenant.replace("maxInstances: 20", "maxInstances: 6"));
    PolicySetLoader loader = new PolicySetLoader(CelEnvironment.standard());
    PolicySet before = loader.load(old).policySet();
    PolicySet after = loader.load(proposed).policySet();
    List<ScannedObject> objects = new ScanInputs(new ByteArrayInputStream(new byte[0])).read(OBJECTS);

    Impact impact = Impact.between(new Scanner().scan(before, objects, null), new Scanner().scan(after, objects, null),
        new Teams(after, objects));

    // 8 fixed executors and up to 12 dynamic ones are over 6; 4 and 3 are not; pods carry no count.
    assertThat(impact.of(Impact.Kind.NEWLY_DENIED)).extracting(c -> c.object().displayName())
        .containsExactly("team-alpha/SparkApplication/alpha-daily-revenue",
            "team-alpha/SparkApplication/alpha-feature-build");
    assertThat(impact.of(Impact.Kind.NEWLY_DENIED)).allSatisfy(change ->
        assertThat(change.detail()).contains("sparkgate.io.spark-app-resources").contains("maximum of 6"));
    assertThat(impact.changes()).hasSize(2);
    assertThat(impact.summaryLine()).isEqualTo("Policy change over 6 objects: 2 newly denied (team alpha: 2), "
        + "0 newly allowed, 0 new warnings, 0 gone warnings, 0 changed patches");

    Impact reverse = Impact.between(new Scanner().scan(after, objects, null), new Scanner().scan(before, objects, null),
        new Teams(before, objects));
    assertThat(reverse.of(Impact.Kind.NEWLY_ALLOWED)).hasSize(2);
    assertThat(reverse.of(Impact.Kind.NEWLY_DENIED)).isEmpty();
  }

  private static Path policies(Path dir, String tenant) throws Exception {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(Path.of("policies"))) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    Files.writeString(dir.resolve("tenant.yaml"), tenant);
    return dir;
  }
}
