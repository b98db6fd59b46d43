package io.sparkgate.cel.library;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelFunctionDecl;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction;
import dev.cel.runtime.standard.CelStandardOverload;
import dev.cel.runtime.standard.DoubleFunction.DoubleOverload;
import dev.cel.runtime.standard.GetMillisecondsFunction.GetMillisecondsOverload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Standard CEL overloads whose cel-go behaviour differs from CEL-Java's, bound the cel-go way:
 * {@code /} and {@code %} by zero fail with {@code division by zero} / {@code modulus by zero},
 * {@code double(string)} reads Go's float syntax ({@code "Inf"}, {@code "-infinity"},
 * {@code "NaN"}, no {@code 1.5d}, no surrounding spaces, an overflow is an error), and
 * {@code duration.getMilliseconds()} is the whole duration in milliseconds, as Go's
 * {@code time.Duration.Milliseconds()}. The standard environment leaves these overloads out
 * ({@link #isReplaced}); their declarations stay standard.
 */
final class GoStandardFunctions implements FunctionFamily {

  private static final Set<StandardFunction> REPLACED_FUNCTIONS =
      Set.of(StandardFunction.DIVIDE, StandardFunction.MODULO);
  private static final Set<CelStandardOverload> REPLACED_OVERLOADS =
      Set.of(DoubleOverload.STRING_TO_DOUBLE, GetMillisecondsOverload.DURATION_TO_MILLISECONDS);

  /** Whether the standard binding of this overload gives way to one of this family's. */
  static boolean isReplaced(StandardFunction function, CelStandardOverload overload) {
    return REPLACED_FUNCTIONS.contains(function) || REPLACED_OVERLOADS.contains(overload);
  }

  /** CEL-Java's standard functions without the overloads this family and the library replace. */
  static CelStandardFunctions standardFunctions() {
    return CelStandardFunctions.newBuilder()
        .filterFunctions(
            (function, overload) -> function != StandardFunction.MATCHES && !isReplaced(function, overload))
        .build();
  }

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of();
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> bindings = new ArrayList<>();
    bindings.addAll(FunctionBindings.of("_/_",
        CelFunctionBinding.from("divide_int64", Long.class, Long.class, GoStandardFunctions::divide),
        CelFunctionBinding.from(
            "divide_uint64", UnsignedLong.class, UnsignedLong.class, GoStandardFunctions::divide),
        CelFunctionBinding.from("divide_double", Double.class, Double.class, (a, b) -> a / b)));
    bindings.addAll(FunctionBindings.of("_%_",
        CelFunctionBinding.from("modulo_int64", Long.class, Long.class, GoStandardFunctions::modulo),
        CelFunctionBinding.from(
            "modulo_uint64", UnsignedLong.class, UnsignedLong.class, GoStandardFunctions::modulo)));
    bindings.add(CelFunctionBinding.from("string_to_double", String.class, GoFloat::parse));
    bindings.add(CelFunctionBinding.from("duration_to_milliseconds", Duration.class, duration -> duration.toMillis()));
    return bindings;
  }

  private static long divide(long dividend, long divisor) {
    if (divisor == 0) {
      throw KubeErrors.error("division by zero");
    }
    if (dividend == Long.MIN_VALUE && divisor == -1) {
      throw KubeErrors.error("integer overflow");
    }
    return dividend / divisor;
  }

  private static UnsignedLong divide(UnsignedLong dividend, UnsignedLong divisor) {
    if (divisor.equals(UnsignedLong.ZERO)) {
      throw KubeErrors.error("division by zero");
    }
    return dividend.dividedBy(divisor);
  }

  private static long modulo(long dividend, long divisor) {
    if (divisor == 0) {
      throw KubeErrors.error("modulus by zero");
    }
    if (dividend == Long.MIN_VALUE && divisor == -1) {
      throw KubeErrors.error("integer overflow");
    }
    return dividend % divisor;
  }

  private static UnsignedLong modulo(UnsignedLong dividend, UnsignedLong divisor) {
    if (divisor.equals(UnsignedLong.ZERO)) {
      throw KubeErrors.error("modulus by zero");
    }
    return dividend.mod(divisor);
  }
}
