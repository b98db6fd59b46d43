package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelMutableAst;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelMutableExpr;
import dev.cel.common.navigation.CelNavigableMutableAst;
import dev.cel.common.navigation.CelNavigableMutableExpr;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.TypeParamType;
import dev.cel.common.values.CelByteString;
import dev.cel.runtime.CelFunctionBinding;
import io.sparkgate.cel.CelNulls;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code optional.ofNonZeroValue(x)} with cel-go's zero values: the zero timestamp is Go's zero
 * time, {@code 0001-01-01T00:00:00Z} (common/types/timestamp.go IsZeroValue, time.Time.IsZero),
 * not the Unix epoch CEL-Java takes. Calls are lowered to {@link #FUNCTION}.
 */
final class GoZeroValues implements FunctionFamily {

  static final String FUNCTION = "@of_non_zero_value";
  private static final String OPTIONAL_FUNCTION = "optional.ofNonZeroValue";
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  @Override
  public List<CelFunctionDecl> declarations() {
    TypeParamType t = TypeParamType.create("T");
    return List.of(function(FUNCTION, global("go_of_non_zero_value", OptionalType.create(t), t)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("go_of_non_zero_value", Object.class, GoZeroValues::ofNonZeroValue));
  }

  private static Optional<Object> ofNonZeroValue(Object value) {
    return isZero(value) ? Optional.empty() : Optional.of(value);
  }

  static boolean isZero(Object value) {
    if (CelNulls.isNull(value)) {
      return true;
    }
    if (value instanceof Boolean b) {
      return !b;
    }
    if (value instanceof Long l) {
      return l == 0;
    }
    if (value instanceof Double d) {
      return d == 0.0;
    }
    if (value instanceof String s) {
      return s.isEmpty();
    }
    if (value instanceof Collection<?> c) {
      return c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    if (value instanceof Instant i) {
      return i.equals(GO_ZERO_TIME);
    }
    return value.equals(UnsignedLong.ZERO)
        || value.equals(Duration.ZERO)
        || value.equals(Optional.empty())
        || (value instanceof ByteString b && b.isEmpty())
        || (value instanceof CelByteString b2 && b2.isEmpty());
  }

  static CelAbstractSyntaxTree lower(Cel cel, CelAbstractSyntaxTree checked) throws CelValidationException {
    CelMutableAst ast = CelMutableAst.fromCelAst(checked);
    List<CelMutableExpr> calls = CelNavigableMutableAst.fromAst(ast).getRoot().allNodes()
        .map(CelNavigableMutableExpr::expr)
        .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.CALL)
        .filter(expr -> expr.call().function().equals(OPTIONAL_FUNCTION) && expr.call().target().isEmpty())
        .toList();
    if (calls.isEmpty()) {
      return checked;
    }
    for (CelMutableExpr call : calls) {
      call.call().setFunction(FUNCTION);
    }
    return cel.check(ast.toParsedAst()).getAst();
  }
}
