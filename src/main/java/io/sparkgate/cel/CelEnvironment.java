package io.sparkgate.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntimeLibrary;
import io.sparkgate.cel.library.KubernetesCelLibrary;
import io.sparkgate.cel.mutation.LiteralLowering;
import io.sparkgate.cel.mutation.MutationCelLibrary;
import java.util.ArrayList;
import java.util.List;

/**
 * The one CEL environment every policy expression is compiled and run in: standard CEL, CEL-Java's
 * extensions and the Kubernetes library, with the admission variables declared.
 */
public final class CelEnvironment {
  /** Iterations of all comprehensions of one evaluation together. */
  public static final int MAX_ITERATIONS = 1_000_000;

  public static final String OBJECT = "object";
  public static final String OLD_OBJECT = "oldObject";
  public static final String REQUEST = "request";
  public static final String PARAMS = "params";
  public static final String NAMESPACE_OBJECT = "namespaceObject";
  public static final String VARIABLES = "variables";
  public static final String AUTHORIZER = "authorizer";

  private final Cel cel;
  private final MutationCelLibrary mutation = new MutationCelLibrary();

  public CelEnvironment(List<Object> extraLibraries) {
    CelOptions options =
        CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxParseRecursionDepth(100)
            .maxExpressionCodePointSize(100_000)
            .build();
    List<CelCompilerLibrary> compilerLibraries = new ArrayList<>();
    List<CelRuntimeLibrary> runtimeLibraries = new ArrayList<>();
    addLibrary(CelExtensions.strings(), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.lists(), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.sets(options), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.regex(), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.math(options), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.encoders(options), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.bindings(), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.optional(), compilerLibraries, runtimeLibraries);
    addLibrary(CelExtensions.comprehensions(), compilerLibraries, runtimeLibraries);
    addLibrary(mutation, compilerLibraries, runtimeLibraries);
    for (Object library : extraLibraries) {
      addLibrary(library, compilerLibraries, runtimeLibraries);
    }
    this.cel =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(compilerLibraries)
            .addRuntimeLibraries(runtimeLibraries)
            .addVar(OBJECT, SimpleType.DYN)
            .addVar(OLD_OBJECT, SimpleType.DYN)
            .addVar(REQUEST, SimpleType.DYN)
            .addVar(PARAMS, SimpleType.DYN)
            .addVar(NAMESPACE_OBJECT, SimpleType.DYN)
            .addVar(VARIABLES, SimpleType.DYN)
            .addVarDeclarations(KubernetesCelLibrary.AUTHORIZER_VARIABLE)
            .build();
  }

  /** The environment of the server and every command. */
  public static CelEnvironment standard() {
    return new CelEnvironment(List.of(KubernetesCelLibrary.create(), io.sparkgate.cel.spark.SparkCelLibrary.create()));
  }

  /** The value of {@code authorizer} while Sparkgate has no cluster connection. */
  public static Object unsupportedAuthorizer() {
    return KubernetesCelLibrary.authorizerValue();
  }

  public Cel cel() {
    return cel;
  }

  /** Compiles the Object and JSONPatch literals of MutatingAdmissionPolicy expressions. */
  public LiteralLowering literals() {
    return new LiteralLowering(mutation);
  }

  private static void addLibrary(
      Object library, List<CelCompilerLibrary> compilers, List<CelRuntimeLibrary> runtimes) {
    if (library instanceof CelCompilerLibrary) {
      compilers.add((CelCompilerLibrary) library);
    }
    if (library instanceof CelRuntimeLibrary) {
      runtimes.add((CelRuntimeLibrary) library);
    }
  }
}
