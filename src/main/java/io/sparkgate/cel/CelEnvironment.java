package io.sparkgate.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntimeLibrary;
import io.sparkgate.cel.library.Authorizer;
import io.sparkgate.cel.library.KubeTypes;
import io.sparkgate.cel.library.KubernetesCelLibrary;
import io.sparkgate.cel.mutation.LiteralLowering;
import io.sparkgate.cel.mutation.MutationCelLibrary;
import io.sparkgate.spark.SparkCelLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /**
   * Which of CEL-Java's runtimes runs the programs. The server and every command use {@link #LEGACY}:
   * CEL-Java 0.14.0's planner converts every map and list it selects from, element by element, on
   * each selection (so it reads every composited variable when one is selected, and walks the whole
   * object for each field), and reports one evaluation step for a chain of field selections, which
   * the cost count reads as one selection.
   */
  public enum Runtime {
    /** The interpreter that walks the checked AST and resolves overloads as it calls them. */
    LEGACY,
    /** The planner, which binds every call and field selection once, when the program is built. */
    PLANNER
  }

  private final Cel cel;
  private final MutationCelLibrary mutation;

  public CelEnvironment(List<Object> extraLibraries) {
    this(extraLibraries, Map.of(), null, Runtime.LEGACY);
  }

  /**
   * An environment whose admission variables have the given types instead of {@code dyn}, with
   * {@code types} resolving the struct types they name. Only {@code lint}'s schema check builds
   * one; the server's variables stay {@code dyn}.
   */
  public CelEnvironment(List<Object> extraLibraries, Map<String, CelType> variableTypes, CelTypeProvider types) {
    this(extraLibraries, variableTypes, types, Runtime.LEGACY);
  }

  private CelEnvironment(
      List<Object> extraLibraries, Map<String, CelType> variableTypes, CelTypeProvider types, Runtime runtime) {
    this.mutation = new MutationCelLibrary(KubeTypes.withLibraryTypes(types));
    CelOptions options =
        CelOptions.current()
            .enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxParseRecursionDepth(100)
            .maxExpressionCodePointSize(100_000)
            // the unwrapping is for protobuf wrapper types, which no value here is; it costs the
            // legacy interpreter a type lookup on every call (the planner requires it on)
            .unwrapWellKnownTypesOnFunctionDispatch(runtime == Runtime.PLANNER)
            .build();
    List<CelCompilerLibrary> compilerLibraries = new ArrayList<>();
    List<CelRuntimeLibrary> runtimeLibraries = new ArrayList<>();
    addLibrary(CelExtensions.strings(), compilerLibraries, runtimeLibraries);
    addLibrary(KubernetesCelLibrary.listsExtension(), compilerLibraries, runtimeLibraries);
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
    CelBuilder builder = runtime == Runtime.PLANNER
        ? KubernetesCelLibrary.withStandardFunctions(CelFactory.plannerCelBuilder())
            .addLateBoundFunctions(SparkCelLibrary.lateBoundFunctionNames())
        : KubernetesCelLibrary.withStandardEnvironment(CelFactory.standardCelBuilder());
    this.cel =
        builder
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(compilerLibraries)
            .addRuntimeLibraries(runtimeLibraries)
            .addVar(OBJECT, variableTypes.getOrDefault(OBJECT, SimpleType.DYN))
            .addVar(OLD_OBJECT, variableTypes.getOrDefault(OLD_OBJECT, SimpleType.DYN))
            .addVar(REQUEST, variableTypes.getOrDefault(REQUEST, SimpleType.DYN))
            .addVar(PARAMS, variableTypes.getOrDefault(PARAMS, SimpleType.DYN))
            .addVar(NAMESPACE_OBJECT, variableTypes.getOrDefault(NAMESPACE_OBJECT, SimpleType.DYN))
            .addVar(VARIABLES, variableTypes.getOrDefault(VARIABLES, SimpleType.DYN))
            .addVarDeclarations(KubernetesCelLibrary.AUTHORIZER_VARIABLE)
            .build();
  }

  /** The environment of the server and every command. */
  public static CelEnvironment standard() {
    return new CelEnvironment(standardLibraries());
  }

  /** The standard environment, its programs run by {@code runtime}. */
  public static CelEnvironment standard(Runtime runtime) {
    return new CelEnvironment(standardLibraries(), Map.of(), null, runtime);
  }

  /** The standard environment with typed admission variables, for {@code lint}'s schema check. */
  public static CelEnvironment typed(Map<String, CelType> variableTypes, CelTypeProvider types) {
    return new CelEnvironment(standardLibraries(), variableTypes, types);
  }

  private static List<Object> standardLibraries() {
    return List.of(KubernetesCelLibrary.create(), SparkCelLibrary.create());
  }

  /** The value of {@code authorizer} while Sparkgate has no cluster connection. */
  public static Authorizer unsupportedAuthorizer() {
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
