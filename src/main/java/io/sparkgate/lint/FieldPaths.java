package io.sparkgate.lint;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Names the schema path an expression reads, for messages: {@code object.spec.executor.instance}
 * is {@code spec.executor.instance} of the object's kind, {@code c.imag} inside
 * {@code object.spec.containers.all(c, ...)} is {@code spec.containers[].imag}, and
 * {@code variables.spec.driver} follows the variable's own expression.
 */
final class FieldPaths {
  /** A path from the root of a typed variable ({@code object} or {@code params}). */
  record FieldPath(String root, String path) {
    FieldPath then(String segment) {
      return new FieldPath(root, path.isEmpty() ? segment : segment.startsWith("[") ? path + segment : path + "." + segment);
    }
  }

  private final Map<Long, CelNavigableExpr> nodes = new HashMap<>();
  private final Function<String, Optional<FieldPath>> variables;

  FieldPaths(CelAbstractSyntaxTree ast, Function<String, Optional<FieldPath>> variables) {
    CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> nodes.put(node.id(), node));
    this.variables = variables;
  }

  /** The path of the field a select node reads, when its operand's path is known. */
  Optional<FieldPath> ofSelect(long id) {
    CelNavigableExpr node = nodes.get(id);
    if (node == null) {
      return Optional.empty();
    }
    CelExpr expr = node.expr();
    if (expr.getKind() == CelExpr.ExprKind.Kind.SELECT) {
      return of(node.expr().select().operand(), node).map(path -> path.then(expr.select().field()));
    }
    if (expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().function().equals("_?._")
        && expr.call().args().size() == 2
        && expr.call().args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT) {
      String field = expr.call().args().get(1).constant().stringValue();
      return of(expr.call().args().get(0), node).map(path -> path.then(field));
    }
    return Optional.empty();
  }

  /** The path of the value of an expression, looked up from the node {@code context} inside the tree. */
  Optional<FieldPath> of(CelExpr expr, CelNavigableExpr context) {
    switch (expr.getKind()) {
      case IDENT: {
        String name = expr.ident().name();
        for (CelNavigableExpr scope = context; scope != null; scope = scope.parent().orElse(null)) {
          CelExpr scopeExpr = scope.expr();
          if (scopeExpr.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION
              && scopeExpr.comprehension().iterVar().equals(name)) {
            CelNavigableExpr range = nodes.get(scopeExpr.comprehension().iterRange().id());
            return of(scopeExpr.comprehension().iterRange(), range).map(path -> path.then("[]"));
          }
        }
        if (name.equals("object") || name.equals("oldObject")) {
          return Optional.of(new FieldPath("object", ""));
        }
        return name.equals("params") ? Optional.of(new FieldPath("params", "")) : Optional.empty();
      }
      case SELECT:
        if (expr.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
            && expr.select().operand().ident().name().equals("variables")) {
          return variables.apply(expr.select().field());
        }
        return of(expr.select().operand(), context).map(path -> path.then(expr.select().field()));
      case CALL: {
        String function = expr.call().function();
        var args = expr.call().args();
        if (function.equals("_?._") && args.size() == 2 && args.get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT
            && args.get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
          String field = args.get(1).constant().stringValue();
          return of(args.get(0), context).map(path -> path.then(field));
        }
        if ((function.equals("_[_]") || function.equals("_[?_]")) && args.size() == 2) {
          return of(args.get(0), context).map(path -> path.then("[]"));
        }
        if (function.equals("orValue") && expr.call().target().isPresent()) {
          return of(expr.call().target().get(), context);
        }
        if (function.equals("_+_") && args.size() == 2) {
          Optional<FieldPath> left = of(args.get(0), context);
          return left.isPresent() ? left : of(args.get(1), context);
        }
        if (function.equals("_?_:_") && args.size() == 3) {
          Optional<FieldPath> left = of(args.get(1), context);
          return left.isPresent() ? left : of(args.get(2), context);
        }
        return Optional.empty();
      }
      default:
        return Optional.empty();
    }
  }
}
