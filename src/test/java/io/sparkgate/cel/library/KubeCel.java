package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntimeLibrary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The CEL environment Sparkgate builds, for tests: expression in, value or error text out. */
final class KubeCel {

  static final CelOptions OPTIONS =
      CelOptions.current()
          .enableOptionalSyntax(true)
          .enableHeterogeneousNumericComparisons(true)
          .comprehensionMaxIterations(1_000_000)
          .build();

  private static final KubeCel WITH_LIBRARY = new KubeCel(true);
  private static final KubeCel EXTENSIONS_ONLY = new KubeCel(false);

  private final Cel cel;

  private KubeCel(boolean withKubernetesLibrary) {
    KubernetesCelLibrary kubernetes = KubernetesCelLibrary.create();
    List<CelCompilerLibrary> compilerLibraries =
        new java.util.ArrayList<>(
            List.of(
                CelExtensions.strings(),
                withKubernetesLibrary ? KubernetesCelLibrary.listsExtension() : CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.regex(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(),
                CelExtensions.bindings(),
                CelExtensions.optional(),
                CelExtensions.comprehensions()));
    List<CelRuntimeLibrary> runtimeLibraries =
        new java.util.ArrayList<>(
            List.of(
                CelExtensions.strings(),
                withKubernetesLibrary ? KubernetesCelLibrary.listsExtension() : CelExtensions.lists(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.regex(),
                CelExtensions.math(OPTIONS),
                CelExtensions.encoders(),
                CelExtensions.optional(),
                CelExtensions.comprehensions()));
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("x", SimpleType.DYN)
            .addVar("y", SimpleType.DYN);
    if (withKubernetesLibrary) {
      compilerLibraries.add(kubernetes);
      runtimeLibraries.add(kubernetes);
      KubernetesCelLibrary.withStandardEnvironment(builder)
          .addVarDeclarations(KubernetesCelLibrary.AUTHORIZER_VARIABLE);
    }
    this.cel =
        builder
            .addCompilerLibraries(compilerLibraries)
            .addRuntimeLibraries(runtimeLibraries)
            .build();
  }

  static KubeCel withLibrary() {
    return WITH_LIBRARY;
  }

  static KubeCel extensionsOnly() {
    return EXTENSIONS_ONLY;
  }

  Object eval(String expression) {
    return eval(expression, Map.of());
  }

  Object eval(String expression, Map<String, Object> variables) {
    try {
      CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
      Map<String, Object> input = new HashMap<>(variables);
      input.putIfAbsent("x", com.google.protobuf.NullValue.NULL_VALUE);
      input.putIfAbsent("y", com.google.protobuf.NullValue.NULL_VALUE);
      input.put(KubernetesCelLibrary.AUTHORIZER_VARIABLE_NAME, KubernetesCelLibrary.authorizerValue());
      return cel.createProgram(ast).eval(input);
    } catch (Exception e) {
      throw new AssertionError("evaluating " + expression + ": " + e.getMessage(), e);
    }
  }

  /** The message of the error the expression evaluates to (compile or run time). */
  String error(String expression) {
    return error(expression, Map.of());
  }

  String error(String expression, Map<String, Object> variables) {
    Throwable thrown = catchThrowable(() -> eval(expression, variables));
    assertThat(thrown).as("error of %s", expression).isNotNull();
    return thrown.getCause() != null ? thrown.getCause().getMessage() : thrown.getMessage();
  }

  boolean compiles(String expression) {
    try {
      cel.compile(expression).getAst();
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
