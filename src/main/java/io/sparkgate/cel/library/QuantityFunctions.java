package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.global;
import static io.sparkgate.cel.library.Decls.member;
import static io.sparkgate.cel.library.KubeTypes.QUANTITY;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/** {@code quantity}, {@code isQuantity} and the {@code kubernetes.Quantity} methods (1.29). */
final class QuantityFunctions implements FunctionFamily {

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function("quantity", global("string_to_quantity", QUANTITY, SimpleType.STRING)),
        function("isQuantity", global("is_quantity_string", SimpleType.BOOL, SimpleType.STRING)),
        // Kubernetes declares sign() as a global function (library/quantity.go) although its
        // documentation shows the method form, which therefore does not compile there.
        function("sign", global("quantity_sign", SimpleType.INT, QUANTITY)),
        function(
            "isGreaterThan",
            member("quantity_is_greater_than", SimpleType.BOOL, QUANTITY, QUANTITY)),
        function(
            "isLessThan", member("quantity_is_less_than", SimpleType.BOOL, QUANTITY, QUANTITY)),
        function("compareTo", member("quantity_compare_to", SimpleType.INT, QUANTITY, QUANTITY)),
        function("asApproximateFloat", member("quantity_get_float", SimpleType.DOUBLE, QUANTITY)),
        function("asInteger", member("quantity_get_int", SimpleType.INT, QUANTITY)),
        function("isInteger", member("quantity_is_integer", SimpleType.BOOL, QUANTITY)),
        function(
            "add",
            member("quantity_add", QUANTITY, QUANTITY, QUANTITY),
            member("quantity_add_int", QUANTITY, QUANTITY, SimpleType.INT)),
        function(
            "sub",
            member("quantity_sub", QUANTITY, QUANTITY, QUANTITY),
            member("quantity_sub_int", QUANTITY, QUANTITY, SimpleType.INT)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_to_quantity", String.class, QuantityFunctions::quantity),
        CelFunctionBinding.from(
            "is_quantity_string", String.class, s -> Quantity.tryParse(s).isPresent()),
        CelFunctionBinding.from("quantity_sign", Quantity.class, q -> (long) q.sign()),
        CelFunctionBinding.from(
            "quantity_is_greater_than", Quantity.class, Quantity.class, Quantity::isGreaterThan),
        CelFunctionBinding.from(
            "quantity_is_less_than", Quantity.class, Quantity.class, Quantity::isLessThan),
        CelFunctionBinding.from(
            "quantity_compare_to",
            Quantity.class,
            Quantity.class,
            (a, b) -> (long) Integer.signum(a.compareTo(b))),
        CelFunctionBinding.from(
            "quantity_get_float", Quantity.class, Quantity::asApproximateFloat),
        CelFunctionBinding.from("quantity_get_int", Quantity.class, QuantityFunctions::asInteger),
        CelFunctionBinding.from("quantity_is_integer", Quantity.class, Quantity::isInteger),
        CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class, Quantity::add),
        CelFunctionBinding.from(
            "quantity_add_int", Quantity.class, Long.class, (q, n) -> q.add(n.longValue())),
        CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class, Quantity::sub),
        CelFunctionBinding.from(
            "quantity_sub_int", Quantity.class, Long.class, (q, n) -> q.sub(n.longValue())));
  }

  private static Quantity quantity(String text) {
    try {
      return Quantity.parse(text);
    } catch (QuantityFormatException e) {
      throw KubeErrors.error(e.getMessage());
    }
  }

  private static long asInteger(Quantity quantity) {
    return quantity
        .asInteger()
        .orElseThrow(() -> KubeErrors.error("cannot convert value to integer"));
  }
}
