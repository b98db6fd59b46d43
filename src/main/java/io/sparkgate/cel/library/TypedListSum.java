package io.sparkgate.cel.library;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelMutableAst;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.navigation.CelNavigableMutableAst;
import dev.cel.common.navigation.CelNavigableMutableExpr;
import dev.cel.common.types.CelKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes picks the {@code sum} overload by the list's static element type, so {@code sum()}
 * of an empty {@code list(double)} is {@code 0.0} and of a {@code list(duration)} is
 * {@code duration('0s')}. The run time sees only an empty list: a {@code sum()} whose element type
 * is known is lowered to {@link #FUNCTION} with that type's kind.
 */
final class TypedListSum {

  /** Not a name an expression can spell: the parser does not accept {@code @}. */
  static final String FUNCTION = "@sum_of_kind";

  private static final Set<CelKind> KINDS = Set.of(CelKind.DOUBLE, CelKind.UINT, CelKind.DURATION);

  private TypedListSum() {}

  static CelAbstractSyntaxTree lower(Cel cel, CelAbstractSyntaxTree checked) throws CelValidationException {
    CelMutableAst ast = CelMutableAst.fromCelAst(checked);
    List<CelMutableExpr> sums = CelNavigableMutableAst.fromAst(ast).getRoot().allNodes()
        .map(CelNavigableMutableExpr::expr)
        .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.CALL)
        .filter(expr -> expr.call().function().equals("sum") && expr.call().target().isPresent())
        .filter(expr -> expr.call().args().isEmpty())
        .filter(expr -> elementKind(checked, expr.call().target().get().id()).isPresent())
        .toList();
    if (sums.isEmpty()) {
      return checked;
    }
    long nextId = CelNavigableMutableAst.fromAst(ast).getRoot().allNodes()
        .mapToLong(CelNavigableMutableExpr::id).max().orElse(0) + 1;
    for (CelMutableExpr sum : sums) {
      CelMutableExpr list = sum.call().target().get();
      CelKind kind = elementKind(checked, list.id()).orElseThrow();
      CelMutableExpr kindName = CelMutableExpr.ofConstant(nextId++, CelConstant.ofValue(kind.name()));
      sum.setCall(CelMutableExpr.CelMutableCall.create(list, FUNCTION, kindName));
    }
    return cel.check(ast.toParsedAst()).getAst();
  }

  private static Optional<CelKind> elementKind(CelAbstractSyntaxTree checked, long listId) {
    return checked.getType(listId)
        .filter(type -> type.kind() == CelKind.LIST && !type.parameters().isEmpty())
        .map(type -> type.parameters().get(0).kind())
        .filter(KINDS::contains);
  }
}
