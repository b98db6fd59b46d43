package io.sparkgate.cel.library;

import dev.cel.bundle.CelBuilder;
import dev.cel.checker.CelCheckerBuilder;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelVarDecl;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelListsExtensions;
import dev.cel.parser.CelParserBuilder;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import dev.cel.runtime.CelStandardFunctions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes CEL function library on top of standard CEL and CEL-Java's extensions, so that
 * expressions written for in-tree ValidatingAdmissionPolicy and MutatingAdmissionPolicy run
 * unchanged. Add it to both halves of a CEL builder:
 *
 * <pre>{@code
 * KubernetesCelLibrary kubernetes = KubernetesCelLibrary.create();
 * builder.addCompilerLibraries(kubernetes).addRuntimeLibraries(kubernetes)
 *     .addVarDeclarations(KubernetesCelLibrary.AUTHORIZER_VARIABLE);
 * // and at evaluation: vars.put(AUTHORIZER_VARIABLE_NAME, KubernetesCelLibrary.authorizerValue())
 * }</pre>
 *
 * <p>It adds only what CEL-Java 0.14.0's {@code CelExtensions} do not already provide: lists
 * ({@code isSorted sum min max indexOf lastIndexOf}), regex ({@code find findAll}),
 * {@code string.format}, quantity, URL, IP, CIDR, named formats, semver and the authorizer; and
 * it binds standard {@code matches} to cached patterns, so the runtime's standard functions must
 * leave {@code matches} out ({@link #withStandardEnvironment}).
 */
public final class KubernetesCelLibrary implements CelCompilerLibrary, CelRuntimeLibrary {

  public static final String AUTHORIZER_VARIABLE_NAME = "authorizer";

  /** The declaration of the {@code authorizer} variable, for the engine to add. */
  public static final CelVarDecl AUTHORIZER_VARIABLE =
      CelVarDecl.newVarDeclaration(AUTHORIZER_VARIABLE_NAME, KubeTypes.AUTHORIZER);

  /** CEL-Java's standard functions without {@code matches} and the overloads bound the cel-go way. */
  private static final CelStandardFunctions STANDARD_FUNCTIONS = GoStandardFunctions.standardFunctions();

  /**
   * Gives a builder standard CEL's declarations and functions, but CEL-Java's {@code matches}
   * binding (which compiles its pattern on every call): this library binds a cached one.
   */
  public static CelBuilder withStandardEnvironment(CelBuilder builder) {
    return builder
        .setStandardEnvironmentEnabled(false)
        .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
        .setStandardFunctions(STANDARD_FUNCTIONS);
  }

  /**
   * Gives a planner builder (whose checker and runtime always have the standard environment)
   * standard CEL's functions without the overloads this library binds.
   */
  public static CelBuilder withStandardFunctions(CelBuilder builder) {
    return builder.setStandardFunctions(STANDARD_FUNCTIONS);
  }

  private final List<FunctionFamily> families;

  private KubernetesCelLibrary(RegexCache regexCache) {
    this.families =
        List.of(
            new GoStandardFunctions(),
            new NullSafeHas(),
            new SortByFunction(),
            new GoZeroValues(),
            new ListFunctions(),
            new RegexFunctions(regexCache),
            new CachedMatchesFunction(regexCache),
            new StringFormatFunction(),
            new QuantityFunctions(),
            new UrlFunctions(),
            new IpFunctions(),
            new CidrFunctions(),
            new NamedFormatFunctions(),
            new SemverFunctions(),
            new AuthorizerFunctions());
  }

  /** A library whose regex cache keeps up to 1,000 compiled patterns. */
  public static KubernetesCelLibrary create() {
    return new KubernetesCelLibrary(new RegexCache(RegexCache.DEFAULT_MAXIMUM_SIZE));
  }

  /** A library whose regex cache keeps up to {@code maximumCachedPatterns} compiled patterns. */
  public static KubernetesCelLibrary create(int maximumCachedPatterns) {
    return new KubernetesCelLibrary(new RegexCache(maximumCachedPatterns));
  }

  /** The value to bind to {@link #AUTHORIZER_VARIABLE_NAME}; every call on it fails clearly. */
  public static Authorizer authorizerValue() {
    return UnavailableAuthorizer.INSTANCE;
  }

  /** The names of the functions this library declares, sorted. */
  public static List<String> functionNames() {
    return create().declarations().stream().map(CelFunctionDecl::name).sorted().toList();
  }

  /**
   * CEL-Java's lists extension without its {@code sortBy}, which this library replaces
   * ({@link SortByFunction}): use it instead of {@code CelExtensions.lists()}.
   */
  public static CelListsExtensions listsExtension() {
    return CelExtensions.lists(EnumSet.complementOf(EnumSet.of(CelListsExtensions.Function.SORT_BY)));
  }

  @Override
  public void setParserOptions(CelParserBuilder parser) {
    parser.addMacros(SortByFunction.MACRO);
  }

  @Override
  public void setCheckerOptions(CelCheckerBuilder checker) {
    checker.addFunctionDeclarations(declarations());
  }

  @Override
  public void setRuntimeOptions(CelRuntimeBuilder runtime) {
    List<CelFunctionBinding> bindings = new ArrayList<>();
    for (FunctionFamily family : families) {
      bindings.addAll(family.bindings());
    }
    runtime.addFunctionBindings(FunctionBindings.byFunction(declarations(), bindings));
  }

  /** One declaration per function name: several families overload isLessThan, ip, string … */
  List<CelFunctionDecl> declarations() {
    Map<String, List<CelOverloadDecl>> overloadsByName = new LinkedHashMap<>();
    for (FunctionFamily family : families) {
      for (CelFunctionDecl declaration : family.declarations()) {
        overloadsByName
            .computeIfAbsent(declaration.name(), name -> new ArrayList<>())
            .addAll(declaration.overloads());
      }
    }
    List<CelFunctionDecl> merged = new ArrayList<>();
    overloadsByName.forEach(
        (name, overloads) -> merged.add(CelFunctionDecl.newFunctionDeclaration(name, overloads)));
    return merged;
  }
}
