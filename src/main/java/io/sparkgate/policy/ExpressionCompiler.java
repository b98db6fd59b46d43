package io.sparkgate.policy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.validator.CelValidator;
import io.sparkgate.cel.library.KubernetesCompilation;
import io.sparkgate.cel.mutation.LiteralLowering;
import io.sparkgate.cel.mutation.MutationTypes;
import io.sparkgate.policy.source.ScalarLocation;
import io.sparkgate.policy.source.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Compiles one CEL expression and reports its problems at their position in the policy file. */
public final class ExpressionCompiler {
  /** The result type an expression must have. */
  public enum Expect {
    BOOL("bool", CelKind.BOOL),
    STRING("string", CelKind.STRING),
    STRING_OR_NULL("string or null", CelKind.STRING),
    ANY("any value", null),
    OBJECT("Object", CelKind.STRUCT),
    JSON_PATCHES("list(JSONPatch)", CelKind.LIST);

    final String description;
    final CelKind kind;

    Expect(String description, CelKind kind) {
      this.description = description;
      this.kind = kind;
    }
  }

  private final Cel cel;
  private final LiteralLowering literals;
  private final CelValidator kubernetesChecks;
  private CompileCache cache = CompileCache.NONE;
  /** Programs of expressions met before in this run, by result type and text; null: none kept. */
  private Map<String, CelRuntime.Program> remembered;

  public ExpressionCompiler(Cel cel, LiteralLowering literals) {
    this.cel = cel;
    this.literals = literals;
    this.kubernetesChecks = KubernetesCompilation.validator(cel);
  }

  /**
   * Keeps the program of every expression that compiled without a problem, for the life of this
   * compiler: the same text met again (another suite's copy of a policy) is neither read from the
   * cache nor compiled again. For one run of a command; the server does not keep programs of
   * expressions it no longer serves.
   */
  void rememberPrograms() {
    remembered = new ConcurrentHashMap<>();
  }

  /** Reads and keeps compiled expressions in {@code cache} (set before the first compile). */
  void useCache(CompileCache cache) {
    this.cache = cache;
  }

  public CompiledExpression compile(
      String source, Expect expect, ScalarLocation location, SourcePosition fallback, List<LoadIssue> issues) {
    SourcePosition start = location != null ? location.start() : fallback;
    if (source == null || source.isBlank()) {
      String message = "expression is empty";
      issues.add(new LoadIssue(Severity.ERROR, start, message));
      return new CompiledExpression(source == null ? "" : source, null, message, start);
    }
    String key = remembered == null ? null : expect.name() + '\0' + source;
    CelRuntime.Program known = key == null ? null : remembered.get(key);
    if (known != null) {
      return new CompiledExpression(source, known, null, start);
    }
    CompiledExpression cached = fromCache(source, expect, start);
    if (cached != null) {
      remember(key, cached);
      return cached;
    }
    CelValidationResult result = parseAndCheck(source);
    if (result.hasError()) {
      CelIssue first = result.getErrors().get(0);
      for (CelIssue issue : result.getErrors()) {
        issues.add(new LoadIssue(Severity.ERROR, position(issue, location, start), issue.getMessage()));
      }
      return new CompiledExpression(source, null, "compilation failed: " + first.getMessage(), start);
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      String typeProblem = typeProblem(ast.getResultType(), expect);
      if (typeProblem != null) {
        issues.add(new LoadIssue(Severity.ERROR, start, typeProblem));
        return new CompiledExpression(source, null, typeProblem, start);
      }
      CelAbstractSyntaxTree lowered = KubernetesCompilation.lower(cel, literals.lower(cel, ast));
      CompiledExpression compiled = new CompiledExpression(source, cel.createProgram(lowered), null, start);
      cache.store(source, expect, lowered);
      remember(key, compiled);
      return compiled;
    } catch (CelValidationException | CelEvaluationException e) {
      issues.add(new LoadIssue(Severity.ERROR, start, e.getMessage()));
      return new CompiledExpression(source, null, e.getMessage(), start);
    }
  }

  private void remember(String key, CompiledExpression compiled) {
    if (key != null) {
      remembered.putIfAbsent(key, compiled.program());
    }
  }

  private CompiledExpression fromCache(String source, Expect expect, SourcePosition start) {
    CelAbstractSyntaxTree ast = cache.lookup(source, expect);
    if (ast == null) {
      return null;
    }
    try {
      return new CompiledExpression(source, cel.createProgram(ast), null, start);
    } catch (CelEvaluationException unusable) {
      return null;
    }
  }

  /** The fields the Object literals of an expression set; none when it does not parse. */
  public List<LiteralLowering.ObjectField> objectFields(String source) {
    CelValidationResult parsed = source == null ? null : cel.parse(source);
    if (parsed == null || parsed.hasError()) {
      return List.of();
    }
    try {
      return LiteralLowering.objectFields(parsed.getAst());
    } catch (CelValidationException e) {
      throw new IllegalStateException("a parse without errors has an AST", e);
    }
  }

  /** Parses, declares the fields of mutation literals, then type-checks. */
  private CelValidationResult parseAndCheck(String source) {
    CelValidationResult parsed = cel.parse(source);
    if (parsed.hasError()) {
      return parsed;
    }
    try {
      literals.declareFields(parsed.getAst());
      CelValidationResult checked = cel.check(parsed.getAst());
      return checked.hasError() ? checked : kubernetesChecks.validate(checked.getAst());
    } catch (CelValidationException e) {
      throw new IllegalStateException("a parse without errors has an AST", e);
    }
  }

  private static String typeProblem(CelType type, Expect expect) {
    if (expect.kind == null) {
      return null;
    }
    CelKind kind = type.kind();
    if (kind == CelKind.DYN || kind == CelKind.ANY || kind == CelKind.ERROR) {
      return null;
    }
    if (expect == Expect.OBJECT) {
      return type.name().equals(MutationTypes.OBJECT) ? null : mismatch(type, expect);
    }
    if (expect == Expect.JSON_PATCHES) {
      CelType element = kind == CelKind.LIST ? type.parameters().get(0) : null;
      boolean patches = element != null && (element.kind() == CelKind.DYN || element.name().equals(MutationTypes.JSON_PATCH));
      return patches ? null : mismatch(type, expect);
    }
    if (kind == expect.kind) {
      return null;
    }
    if (expect == Expect.STRING_OR_NULL && kind == CelKind.NULL_TYPE) {
      return null;
    }
    return mismatch(type, expect);
  }

  private static String mismatch(CelType type, Expect expect) {
    String name = type.kind() == CelKind.LIST && !type.parameters().isEmpty()
        ? "list(" + type.parameters().get(0).name() + ")" : type.name();
    return "must evaluate to " + expect.description + ", but evaluates to " + name;
  }

  private static SourcePosition position(CelIssue issue, ScalarLocation location, SourcePosition start) {
    int line = issue.getSourceLocation().getLine();
    int column = issue.getSourceLocation().getColumn();
    if (location == null || line <= 0) {
      return start;
    }
    return location.locate(line, Math.max(column, 0));
  }
}
