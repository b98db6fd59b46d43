package io.sparkgate.policy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import io.sparkgate.policy.source.ScalarLocation;
import io.sparkgate.policy.source.SourcePosition;
import java.util.List;

/** Compiles one CEL expression and reports its problems at their position in the policy file. */
public final class ExpressionCompiler {
  /** The result type an expression must have. */
  public enum Expect {
    BOOL("bool", CelKind.BOOL),
    STRING("string", CelKind.STRING),
    STRING_OR_NULL("string or null", CelKind.STRING),
    ANY("any value", null);

    final String description;
    final CelKind kind;

    Expect(String description, CelKind kind) {
      this.description = description;
      this.kind = kind;
    }
  }

  private final Cel cel;

  public ExpressionCompiler(Cel cel) {
    this.cel = cel;
  }

  public CompiledExpression compile(
      String source, Expect expect, ScalarLocation location, SourcePosition fallback, List<LoadIssue> issues) {
    SourcePosition start = location != null ? location.start() : fallback;
    if (source == null || source.isBlank()) {
      String message = "expression is empty";
      issues.add(new LoadIssue(Severity.ERROR, start, message));
      return new CompiledExpression(source == null ? "" : source, null, message, start);
    }
    CelValidationResult result = cel.compile(source);
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
      return new CompiledExpression(source, cel.createProgram(ast), null, start);
    } catch (CelValidationException | CelEvaluationException e) {
      issues.add(new LoadIssue(Severity.ERROR, start, e.getMessage()));
      return new CompiledExpression(source, null, e.getMessage(), start);
    }
  }

  private static String typeProblem(CelType type, Expect expect) {
    if (expect.kind == null) {
      return null;
    }
    CelKind kind = type.kind();
    if (kind == CelKind.DYN || kind == CelKind.ANY || kind == CelKind.ERROR || kind == expect.kind) {
      return null;
    }
    if (expect == Expect.STRING_OR_NULL && kind == CelKind.NULL_TYPE) {
      return null;
    }
    return "must evaluate to " + expect.description + ", but evaluates to " + type.name();
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
