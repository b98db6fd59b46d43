package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelMutableAst;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.navigation.CelNavigableMutableAst;
import dev.cel.common.navigation.CelNavigableMutableExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import io.sparkgate.cel.CelNulls;
import java.util.List;
import java.util.Map;

/**
 * {@code has(x.f)} on a {@code null} {@code x} is false in cel-go ({@code params} of a policy
 * without paramKind, {@code oldObject} on CREATE), where CEL-Java fails. The test of a field on a
 * {@code dyn} operand is lowered to a call of {@link #FUNCTION}, which answers false for null and
 * tests a map's key otherwise.
 */
final class NullSafeHas implements FunctionFamily {

  /** Not a name an expression can spell: the parser does not accept {@code @}. */
  static final String FUNCTION = "@has_field";

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function(FUNCTION, global("has_field_dyn_string", SimpleType.BOOL, SimpleType.DYN, SimpleType.STRING)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("has_field_dyn_string", Object.class, String.class, NullSafeHas::hasField));
  }

  private static boolean hasField(Object operand, String field) {
    if (CelNulls.isNull(operand)) {
      return false;
    }
    if (operand instanceof Map<?, ?> map) {
      return map.containsKey(field);
    }
    throw KubeErrors.error("invalid type for field selection.");
  }

  /** The checked expression with its field tests on {@code dyn} operands lowered; unchanged without any. */
  static CelAbstractSyntaxTree lower(Cel cel, CelAbstractSyntaxTree checked) throws CelValidationException {
    CelMutableAst ast = CelMutableAst.fromCelAst(checked);
    List<CelMutableExpr> tests = CelNavigableMutableAst.fromAst(ast).getRoot().allNodes()
        .map(CelNavigableMutableExpr::expr)
        .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.SELECT && expr.select().testOnly())
        .filter(expr -> dynamic(checked, expr.select().operand().id()))
        .toList();
    if (tests.isEmpty()) {
      return checked;
    }
    long nextId = CelNavigableMutableAst.fromAst(ast).getRoot().allNodes()
        .mapToLong(CelNavigableMutableExpr::id).max().orElse(0) + 1;
    for (CelMutableExpr test : tests) {
      CelMutableExpr operand = test.select().operand();
      CelMutableExpr field = CelMutableExpr.ofConstant(nextId++, CelConstant.ofValue(test.select().field()));
      test.setCall(CelMutableExpr.CelMutableCall.create(FUNCTION, operand, field));
    }
    return cel.check(ast.toParsedAst()).getAst();
  }

  private static boolean dynamic(CelAbstractSyntaxTree checked, long id) {
    CelKind kind = checked.getType(id).map(type -> type.kind()).orElse(CelKind.DYN);
    return kind == CelKind.DYN || kind == CelKind.NULL_TYPE || kind == CelKind.ANY;
  }
}
