package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import io.sparkgate.cel.CelEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * CEL-Java's planner binds every call when it builds a program: every policy the shipped pack and the
 * fixtures hold must build there with the same problems, no more, as with the interpreter.
 */
class PlannerRuntimePlansTest {
  private final PolicySetLoader interpreter = new PolicySetLoader(CelEnvironment.standard(CelEnvironment.Runtime.LEGACY));
  private final PolicySetLoader planner = new PolicySetLoader(CelEnvironment.standard(CelEnvironment.Runtime.PLANNER));

  @TestFactory
  Stream<DynamicTest> everyPolicyDirectoryPlans() throws IOException {
    List<Path> directories;
    try (Stream<Path> walk = Files.walk(Path.of("test-fixtures"))) {
      directories = Stream.concat(Stream.of(Path.of("policies")), walk.filter(Files::isDirectory)
          .filter(directory -> directory.getFileName().toString().equals("policies"))).toList();
    }
    assertThat(directories).hasSizeGreaterThan(1);
    return directories.stream().map(directory -> DynamicTest.dynamicTest(directory.toString(), () -> {
      List<String> expected = messages(interpreter.load(directory));
      assertThat(messages(planner.load(directory))).isEqualTo(expected);
    }));
  }

  @Test
  void overloadedFunctionsPickTheirOverloadByTheArgumentsRunTimeType() throws Exception {
    Cel cel = CelEnvironment.standard(CelEnvironment.Runtime.PLANNER).cel();
    Map<String, Object> object = Map.of("text", "1500m", "whole", 2L, "fraction", 0.5, "zero", 0L);
    assertThat(eval(cel, "[spark.millicores(object.text), spark.millicores(object.whole), spark.millicores(object.fraction)]",
        object)).isEqualTo(List.of(1500L, 2000L, 500L));
    assertThat(eval(cel, "spark.memoryBytes(object.whole)", object)).isEqualTo(2L);
    assertThatThrownBy(() -> eval(cel, "object.whole / object.zero", object)).hasMessageContaining("division by zero");
    assertThatThrownBy(() -> eval(cel, "object.whole % object.zero", object)).hasMessageContaining("modulus by zero");
  }

  private static Object eval(Cel cel, String expression, Map<String, Object> object) throws Exception {
    CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
    return cel.createProgram(ast).eval(Map.of(CelEnvironment.OBJECT, object));
  }

  private static List<String> messages(PolicySetLoader.Result result) {
    return result.errors().stream().map(LoadIssue::toString).toList();
  }
}
