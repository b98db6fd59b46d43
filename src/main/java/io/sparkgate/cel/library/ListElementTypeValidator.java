package io.sparkgate.cel.library;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypes;
import dev.cel.validator.CelAstValidator;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes declares {@code sum}, {@code min}, {@code max} and {@code isSorted} per element type
 * (library/lists.go: summable int, uint, double, duration; comparable also bool, timestamp,
 * string, bytes), so a list of any other static element type is a compile error there. This
 * library declares one generic overload each (run-time dispatch cannot tell a {@code list(int)}
 * from a {@code list(string)}); this validator refuses what the checker of Kubernetes refuses.
 * A {@code dyn} element type passes, as it does in Kubernetes.
 */
final class ListElementTypeValidator implements CelAstValidator {

  private static final Set<CelKind> SUMMABLE =
      Set.of(CelKind.INT, CelKind.UINT, CelKind.DOUBLE, CelKind.DURATION);
  private static final Set<CelKind> COMPARABLE =
      Set.of(
          CelKind.INT, CelKind.UINT, CelKind.DOUBLE, CelKind.BOOL, CelKind.DURATION,
          CelKind.TIMESTAMP, CelKind.STRING, CelKind.BYTES);
  private static final Map<String, Set<CelKind>> ELEMENT_KINDS =
      Map.of("sum", SUMMABLE, "min", COMPARABLE, "max", COMPARABLE, "isSorted", COMPARABLE);
  private static final Set<CelKind> UNKNOWN = Set.of(CelKind.DYN, CelKind.ANY, CelKind.TYPE_PARAM, CelKind.ERROR);

  @Override
  public void validate(CelNavigableAst navigableAst, Cel cel, IssuesFactory issues) {
    CelAbstractSyntaxTree ast = navigableAst.getAst();
    navigableAst.getRoot().allNodes()
        .map(CelNavigableExpr::expr)
        .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.CALL)
        .filter(expr -> ELEMENT_KINDS.containsKey(expr.call().function()))
        .filter(expr -> expr.call().target().isPresent() && expr.call().args().isEmpty())
        .forEach(expr -> check(ast, expr, issues));
  }

  private static void check(CelAbstractSyntaxTree ast, CelExpr call, IssuesFactory issues) {
    CelType target = ast.getType(call.call().target().get().id()).orElse(null);
    if (target == null || target.kind() != CelKind.LIST || target.parameters().isEmpty()) {
      return;
    }
    CelKind element = target.parameters().get(0).kind();
    String function = call.call().function();
    if (!UNKNOWN.contains(element) && !ELEMENT_KINDS.get(function).contains(element)) {
      issues.addError(
          call.id(),
          String.format(
              "found no matching overload for '%s' applied to '%s.()'", function, CelTypes.format(target)));
    }
  }
}
