package io.sparkgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tenants scenario's directory loads: its tenants are spread over files the loader accepts. */
class BenchPoliciesTest {
  @TempDir Path work;

  @Test
  void manyTenantsAreSplitIntoFilesUnderTheLoadersLimitAndAllLoad() throws Exception {
    Path noPolicies = Files.createDirectories(work.resolve("empty"));
    Path dir = BenchPolicies.prepare(work, noPolicies, Path.of("test-fixtures/spark"), 2_500);

    List<Path> tenantFiles;
    try (Stream<Path> files = Files.list(dir)) {
      tenantFiles = files.filter(f -> f.getFileName().toString().startsWith("many-tenants-")).sorted().toList();
    }
    assertThat(tenantFiles).hasSize(3);
    for (Path file : tenantFiles) {
      assertThat(Files.readString(file).length()).isLessThan(YamlDocumentReader.MAX_FILE_CHARS);
    }
    // a file of 1,000 tenants is under an eighth of the limit: the tenant fixture may grow eightfold
    assertThat(Files.size(tenantFiles.get(0)) * 8).isLessThan(YamlDocumentReader.MAX_FILE_CHARS);

    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard()).load(dir);
    assertThat(loaded.errors()).isEmpty();
    assertThat(Files.readString(tenantFiles.get(2))).contains("namespace: team-2499").doesNotContain("namespace: team-1999\n");
  }
}
