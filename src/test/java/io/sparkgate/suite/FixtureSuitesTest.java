package io.sparkgate.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every suite under test-fixtures/, case by case, through the path {@code sparkgate test} takes. */
class FixtureSuitesTest {
  @TestFactory
  Stream<DynamicTest> everySuiteCasePasses() throws Exception {
    List<Path> suites = SuiteRunner.suiteFiles(List.of(Path.of("test-fixtures")));
    assertThat(suites).isNotEmpty();
    SuiteRunner runner = new SuiteRunner();
    return suites.stream()
        .flatMap(suite -> runner.run(suite).stream())
        .map(result -> DynamicTest.dynamicTest(result.suite() + " > " + result.name(),
            () -> assertThat(result.failures()).as(result.line()).isEmpty()));
  }
}
