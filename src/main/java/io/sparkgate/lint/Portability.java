package io.sparkgate.lint;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.spark.SparkCelLibrary;
import io.sparkgate.policy.source.ScalarLocation;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.SourcePosition;
import io.sparkgate.lint.PolicyExpressions.Site;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code lint --portable}: what in-tree Kubernetes would not accept or would ignore — every call of
 * a Sparkgate function ({@link SparkCelLibrary#functionNames()}), found in the checked expression,
 * and the binding annotation {@code sparkgate.io/params-not-found-message}.
 */
public final class Portability {
  /** A finding: where, and what. Printed as {@code FILE:LINE:COL: message}. */
  public record Finding(SourcePosition position, String message) {
    @Override
    public String toString() {
      return position + ": " + message;
    }
  }

  static final String PARAMS_NOT_FOUND_MESSAGE = "sparkgate.io/params-not-found-message";

  private final CelEnvironment environment;
  private final Set<String> functions = new TreeSet<>(SparkCelLibrary.functionNames());

  public Portability(CelEnvironment environment) {
    this.environment = environment;
  }

  public List<Finding> check(SourceDocument document) {
    List<Finding> findings = new ArrayList<>();
    if (document.tree().path("metadata").path("annotations").has(PARAMS_NOT_FOUND_MESSAGE)) {
      findings.add(new Finding(
          document.positionOf("/metadata/annotations/" + PARAMS_NOT_FOUND_MESSAGE.replace("/", "~1")),
          PARAMS_NOT_FOUND_MESSAGE + " is a Sparkgate annotation: in-tree Kubernetes ignores it and "
              + "denies with its own parameter-not-found message"));
    }
    for (Site site : PolicyExpressions.of(document)) {
      checked(site.source()).ifPresent(ast -> calls(document, site, ast, findings));
    }
    return findings;
  }

  private Optional<CelAbstractSyntaxTree> checked(String source) {
    CelValidationResult parsed = environment.cel().parse(source);
    if (parsed.hasError()) {
      return Optional.empty();
    }
    try {
      environment.literals().declareFields(parsed.getAst());
      CelValidationResult checked = environment.cel().check(parsed.getAst());
      return checked.hasError() ? Optional.empty() : Optional.of(checked.getAst());
    } catch (CelValidationException e) {
      throw new IllegalStateException("a result without errors has an AST", e);
    }
  }

  /** Every call of a Sparkgate function, at the start of its name ({@code spark} of {@code spark.app(x)}). */
  private void calls(SourceDocument document, Site site, CelAbstractSyntaxTree checked, List<Finding> findings) {
    Map<Long, CelExpr> parsedNodes = new HashMap<>();
    try {
      CelAbstractSyntaxTree parsed = environment.cel().parse(site.source()).getAst();
      CelNavigableAst.fromAst(parsed).getRoot().allNodes().forEach(node -> parsedNodes.put(node.id(), node.expr()));
    } catch (CelValidationException e) {
      throw new IllegalStateException("the expression parsed before", e);
    }
    CelNavigableAst.fromAst(checked).getRoot().allNodes()
        .filter(node -> node.expr().getKind() == CelExpr.ExprKind.Kind.CALL)
        .filter(node -> functions.contains(node.expr().call().function()))
        .forEach(node -> findings.add(new Finding(position(document, site, checked, start(node, parsedNodes)),
            node.expr().call().function()
                + " is a Sparkgate function: in-tree Kubernetes would not accept this expression")));
  }

  /** The node whose position starts a call's name: the leftmost identifier of its qualified name. */
  private static long start(CelNavigableExpr call, Map<Long, CelExpr> parsedNodes) {
    CelExpr parsed = parsedNodes.get(call.id());
    if (parsed == null || parsed.getKind() != CelExpr.ExprKind.Kind.CALL || parsed.call().target().isEmpty()) {
      return call.id();
    }
    CelExpr current = parsed.call().target().get();
    while (current.getKind() == CelExpr.ExprKind.Kind.SELECT) {
      current = current.select().operand();
    }
    return current.id();
  }

  private static SourcePosition position(SourceDocument document, Site site, CelAbstractSyntaxTree ast, long id) {
    ScalarLocation location = document.locationOf(site.pointer());
    Integer offset = ast.getSource().getPositionsMap().get(id);
    if (location == null || offset == null) {
      return document.positionOf(site.pointer());
    }
    Optional<CelSourceLocation> at = ast.getSource().getOffsetLocation(offset);
    return at.map(value -> location.locate(value.getLine(), value.getColumn()))
        .orElse(document.positionOf(site.pointer()));
  }
}
