package io.sparkgate.lint;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a parsed expression for one kind before it is type-checked as that kind: a guard on
 * {@code object.kind} or {@code object.apiVersion} that is decided for the kind removes the branch
 * that cannot run ({@code object.kind == 'ScheduledSparkApplication' ? object.spec.template :
 * object.spec} is {@code object.spec} for a SparkApplication), so fields of other kinds are not
 * reported. Empty map literals become {@code dyn({})}: as a default ({@code orValue({})}) they
 * stand for an empty object of any type.
 */
final class KindNarrowing {
  private final KindSchema kind;
  private final Map<String, Boolean> decidedVariables;
  private long nextId;

  /**
   * @param kind the kind checked, or null when the object's schema is unknown (nothing is decided)
   * @param decidedVariables boolean variables already decided for this kind, by name
   */
  KindNarrowing(KindSchema kind, Map<String, Boolean> decidedVariables, long nextId) {
    this.kind = kind;
    this.decidedVariables = decidedVariables;
    this.nextId = nextId;
  }

  void rewrite(CelMutableExpr expr) {
    if (kind != null && expr.getKind() == CelExpr.ExprKind.Kind.CALL) {
      String function = expr.call().function();
      List<CelMutableExpr> args = expr.call().args();
      if (function.equals("_?_:_") && args.size() == 3) {
        Boolean condition = decide(args.get(0));
        if (condition != null) {
          replace(expr, condition ? args.get(1) : args.get(2));
          rewrite(expr);
          return;
        }
      } else if ((function.equals("_&&_") || function.equals("_||_")) && args.size() == 2) {
        boolean and = function.equals("_&&_");
        for (int i = 0; i < 2; i++) {
          Boolean side = decide(args.get(i));
          if (side != null && side != and) {
            expr.setConstant(CelConstant.ofValue(!and));
            return;
          }
          if (side != null) {
            replace(expr, args.get(1 - i));
            rewrite(expr);
            return;
          }
        }
      }
    }
    if (expr.getKind() == CelExpr.ExprKind.Kind.MAP && expr.map().entries().isEmpty()) {
      CelMutableExpr empty = CelMutableExpr.ofMap(nextId++, expr.map());
      expr.setCall(CelMutableExpr.CelMutableCall.create("dyn", empty));
      return;
    }
    for (CelMutableExpr child : children(expr)) {
      rewrite(child);
    }
  }

  /** The value of a guard for this kind, or null when it depends on more than the kind. */
  Boolean decide(CelMutableExpr expr) {
    if (kind == null) {
      return null;
    }
    switch (expr.getKind()) {
      case CONSTANT:
        return expr.constant().getKind() == CelConstant.Kind.BOOLEAN_VALUE ? expr.constant().booleanValue() : null;
      case SELECT:
        if (!expr.select().testOnly() && isIdent(expr.select().operand(), "variables")) {
          return decidedVariables.get(expr.select().field());
        }
        return null;
      case CALL:
        return decideCall(expr.call());
      default:
        return null;
    }
  }

  private Boolean decideCall(CelMutableExpr.CelMutableCall call) {
    List<CelMutableExpr> args = call.args();
    switch (call.function()) {
      case "!_":
        Boolean operand = decide(args.get(0));
        return operand == null ? null : !operand;
      case "_&&_":
      case "_||_": {
        boolean and = call.function().equals("_&&_");
        Boolean left = decide(args.get(0));
        Boolean right = decide(args.get(1));
        if ((left != null && left != and) || (right != null && right != and)) {
          return !and;
        }
        return left != null && right != null ? and : null;
      }
      case "_==_":
      case "_!=_": {
        Boolean equal = equality(args.get(0), args.get(1));
        if (equal == null) {
          equal = equality(args.get(1), args.get(0));
        }
        return equal == null ? null : equal == call.function().equals("_==_");
      }
      case "startsWith":
        if (call.target().isPresent() && isField(call.target().get(), "apiVersion") && args.size() == 1
            && stringConstant(args.get(0)) != null) {
          return prefix(stringConstant(args.get(0)));
        }
        return null;
      default:
        return null;
    }
  }

  private Boolean equality(CelMutableExpr field, CelMutableExpr literal) {
    String value = stringConstant(literal);
    if (value == null) {
      return null;
    }
    if (isField(field, "kind")) {
      return value.equals(kind.kind());
    }
    if (isField(field, "apiVersion")) {
      if (value.equals(kind.apiVersion())) {
        return true;
      }
      String group = value.contains("/") ? value.substring(0, value.indexOf('/')) : "";
      return group.equals(kind.group()) ? null : false;
    }
    return null;
  }

  /** {@code object.apiVersion.startsWith(text)}: decided by the group; the version may vary. */
  private Boolean prefix(String text) {
    String groupPrefix = kind.group().isEmpty() ? "" : kind.group() + "/";
    if (groupPrefix.startsWith(text)) {
      return true;
    }
    return text.startsWith(groupPrefix) ? null : false;
  }

  private static boolean isField(CelMutableExpr expr, String field) {
    return expr.getKind() == CelExpr.ExprKind.Kind.SELECT && !expr.select().testOnly()
        && expr.select().field().equals(field)
        && (isIdent(expr.select().operand(), "object") || isIdent(expr.select().operand(), "oldObject"));
  }

  private static boolean isIdent(CelMutableExpr expr, String name) {
    return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(name);
  }

  private static String stringConstant(CelMutableExpr expr) {
    return expr.getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE ? expr.constant().stringValue() : null;
  }

  /** Makes {@code target} the node {@code source} (a descendant of it), keeping the source's id. */
  private static void replace(CelMutableExpr target, CelMutableExpr source) {
    target.setId(source.id());
    switch (source.getKind()) {
      case CONSTANT -> target.setConstant(source.constant());
      case IDENT -> target.setIdent(source.ident());
      case SELECT -> target.setSelect(source.select());
      case CALL -> target.setCall(source.call());
      case LIST -> target.setList(source.list());
      case STRUCT -> target.setStruct(source.struct());
      case MAP -> target.setMap(source.map());
      case COMPREHENSION -> target.setComprehension(source.comprehension());
      default -> throw new IllegalStateException("unexpected expression kind " + source.getKind());
    }
  }

  static List<CelMutableExpr> children(CelMutableExpr expr) {
    List<CelMutableExpr> children = new ArrayList<>();
    switch (expr.getKind()) {
      case SELECT -> children.add(expr.select().operand());
      case CALL -> {
        expr.call().target().ifPresent(children::add);
        children.addAll(expr.call().args());
      }
      case LIST -> children.addAll(expr.list().elements());
      case MAP -> expr.map().entries().forEach(entry -> {
        children.add(entry.key());
        children.add(entry.value());
      });
      case STRUCT -> expr.struct().entries().forEach(entry -> children.add(entry.value()));
      case COMPREHENSION -> {
        CelMutableExpr.CelMutableComprehension loop = expr.comprehension();
        children.add(loop.iterRange());
        children.add(loop.accuInit());
        children.add(loop.loopCondition());
        children.add(loop.loopStep());
        children.add(loop.result());
      }
      default -> { }
    }
    return children;
  }
}
