package io.sparkgate.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.policy.CompileCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile cache of the offline commands changes no answer: every fixture suite, run with the
 * expressions read back from the cache a first run filled, gives the same result line for line.
 */
class CompileCacheTest {
  @Test
  void everySuiteGivesTheSameResultsFromTheCache(@TempDir Path dir) throws Exception {
    List<Path> suites = SuiteRunner.suiteFiles(List.of(Path.of("test-fixtures")));
    CompileCache filling = CompileCache.in(dir, "build-1");
    List<String> compiled = run(suites, new SuiteRunner().withCompileCache(filling));
    assertThat(filling.stores()).as("expressions kept").isGreaterThan(100);

    CompileCache reading = CompileCache.in(dir, "build-1");
    List<String> cached = run(suites, new SuiteRunner().withCompileCache(reading));
    assertThat(reading.stores()).as("nothing left to compile").isZero();
    assertThat(reading.hits()).as("expressions read back").isGreaterThanOrEqualTo(filling.stores());
    assertThat(cached).isEqualTo(compiled);
    assertThat(cached).allMatch(line -> line.startsWith("PASS"));
  }

  @Test
  void anotherBuildNeitherReadsNorKeepsTheEntriesOfTheLast(@TempDir Path dir) throws Exception {
    List<Path> suites = SuiteRunner.suiteFiles(List.of(Path.of("test-fixtures/k8s-docs")));
    CompileCache first = CompileCache.in(dir, "build-1");
    run(suites, new SuiteRunner().withCompileCache(first));
    assertThat(first.stores()).isPositive();

    CompileCache next = CompileCache.in(dir, "build-2");
    run(suites, new SuiteRunner().withCompileCache(next));
    assertThat(next.hits()).isZero();
    try (Stream<Path> builds = Files.list(dir)) {
      assertThat(builds).hasSize(1);
    }
  }

  @Test
  void corruptEntriesAreCompiledAgain(@TempDir Path dir) throws Exception {
    List<Path> suites = SuiteRunner.suiteFiles(List.of(Path.of("test-fixtures/k8s-docs")));
    CompileCache first = CompileCache.in(dir, "build-1");
    List<String> compiled = run(suites, new SuiteRunner().withCompileCache(first));
    try (Stream<Path> builds = Files.list(dir); Stream<Path> entries = Files.list(builds.findFirst().orElseThrow())) {
      for (Path entry : entries.toList()) {
        Files.write(entry, new byte[] {1, 2, 3});
      }
    }
    CompileCache corrupt = CompileCache.in(dir, "build-1");
    assertThat(run(suites, new SuiteRunner().withCompileCache(corrupt))).isEqualTo(compiled);
    assertThat(corrupt.hits()).isZero();
  }

  private static List<String> run(List<Path> suites, SuiteRunner runner) {
    List<String> lines = new ArrayList<>();
    for (Path suite : suites) {
      runner.run(suite).forEach(result -> lines.add(result.line()));
    }
    return lines;
  }
}
