package io.sparkgate.cel.library;

import dev.cel.bundle.Cel;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.validator.CelAstValidator;

/**
 * cel-go's string format validator (ext/formatting.go, stringFormatValidator): a constant format
 * string given a list literal with more arguments than it has clauses is a compile error.
 */
final class FormatArgumentCountValidator implements CelAstValidator {

  @Override
  public void validate(CelNavigableAst navigableAst, Cel cel, IssuesFactory issues) {
    navigableAst.getRoot().allNodes()
        .map(CelNavigableExpr::expr)
        .filter(FormatArgumentCountValidator::isConstantFormatCall)
        .forEach(call -> check(call, issues));
  }

  private static boolean isConstantFormatCall(CelExpr expr) {
    if (expr.getKind() != CelExpr.ExprKind.Kind.CALL || !expr.call().function().equals("format")) {
      return false;
    }
    CelExpr target = expr.call().target().orElse(null);
    return target != null
        && target.getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && target.constant().getKind() == CelConstant.Kind.STRING_VALUE
        && expr.call().args().size() == 1
        && expr.call().args().get(0).getKind() == CelExpr.ExprKind.Kind.LIST;
  }

  private static void check(CelExpr call, IssuesFactory issues) {
    int clauses = clauses(call.call().target().get().constant().stringValue());
    int arguments = call.call().args().get(0).list().elements().size();
    if (arguments > clauses) {
      issues.addError(
          call.id(),
          String.format(
              "too many arguments supplied to string.format (expected %d, got %d)", clauses, arguments));
    }
  }

  /** The clauses of a format string: each {@code %} not part of {@code %%}. */
  static int clauses(String template) {
    int count = 0;
    for (int i = 0; i < template.length(); i++) {
      if (template.charAt(i) != '%') {
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '%') {
        i++;
      } else {
        count++;
      }
    }
    return count;
  }
}
