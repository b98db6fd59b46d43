package io.sparkgate.cel.library;

import static io.sparkgate.cel.library.Decls.function;
import static io.sparkgate.cel.library.Decls.member;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelFunctionBinding;
import java.time.Duration;
import java.util.List;

/**
 * The Kubernetes list library: {@code isSorted}, {@code sum}, {@code min}, {@code max},
 * {@code indexOf}, {@code lastIndexOf}, and {@code includes} (lists library version 1, in the
 * newest Kubernetes release).
 *
 * <p>Kubernetes declares one overload per element type. CEL-Java picks overloads at run time by
 * Java class, and every list is a {@code java.util.List}, so per-type overloads would be
 * ambiguous on the {@code dyn} values Sparkgate evaluates. Each function therefore has one
 * generic overload, and the element types Kubernetes would reject at compile time are rejected
 * at compile time by {@link ListElementTypeValidator}. {@code sum()} of an empty list is the zero
 * of its static element type, as in Kubernetes ({@link TypedListSum}), and the int 0 when that
 * type is {@code dyn}.
 */
final class ListFunctions implements FunctionFamily {

  private static final CelType T = TypeParamType.create("T");
  private static final CelType LIST_OF_T = ListType.create(T);

  @Override
  public List<CelFunctionDecl> declarations() {
    return List.of(
        function("isSorted", member("list_is_sorted_bool", SimpleType.BOOL, LIST_OF_T)),
        function("sum", member("list_sum", T, LIST_OF_T)),
        function(TypedListSum.FUNCTION, member("list_sum_of_kind", T, LIST_OF_T, SimpleType.STRING)),
        function("min", member("list_min", T, LIST_OF_T)),
        function("max", member("list_max", T, LIST_OF_T)),
        function("indexOf", member("list_a_index_of_int", SimpleType.INT, LIST_OF_T, T)),
        function(
            "lastIndexOf", member("list_a_last_index_of_int", SimpleType.INT, LIST_OF_T, T)),
        function("includes", member("list_includes_dyn_dyn", SimpleType.BOOL, SimpleType.DYN, SimpleType.DYN)));
  }

  @Override
  public List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("list_is_sorted_bool", List.class, ListFunctions::isSorted),
        CelFunctionBinding.from("list_sum", List.class, ListFunctions::sum),
        CelFunctionBinding.from("list_sum_of_kind", List.class, String.class, ListFunctions::sumOfKind),
        CelFunctionBinding.from("list_min", List.class, list -> extreme(list, "min", -1)),
        CelFunctionBinding.from("list_max", List.class, list -> extreme(list, "max", 1)),
        CelFunctionBinding.from("list_a_index_of_int", List.class, Object.class, ListFunctions::indexOf),
        CelFunctionBinding.from(
            "list_a_last_index_of_int", List.class, Object.class, ListFunctions::lastIndexOf),
        CelFunctionBinding.from("list_includes_dyn_dyn", Object.class, Object.class, ListFunctions::includes));
  }

  static boolean isSorted(List<?> list) {
    Object previous = null;
    for (Object element : list) {
      requireComparable("isSorted", element);
      if (previous != null && compare("isSorted", previous, element) > 0) {
        return false;
      }
      previous = element;
    }
    return true;
  }

  /** The element that wins: {@code preferred} is -1 for min, 1 for max; the first one on ties. */
  static Object extreme(List<?> list, String function, int preferred) {
    Object result = null;
    for (Object element : list) {
      requireComparable(function, element);
      if (result == null || Integer.signum(compare(function, element, result)) == preferred) {
        result = element;
      }
    }
    if (result == null) {
      throw KubeErrors.error("%s called on empty list", function);
    }
    return result;
  }

  static Object sum(List<?> list) {
    if (list.isEmpty()) {
      return 0L;
    }
    Object total = zeroLike(list.get(0));
    for (Object element : list) {
      total = add(total, element);
    }
    return total;
  }

  /** {@code sum()} of a list whose static element kind is known: an empty one gives that kind's zero. */
  static Object sumOfKind(List<?> list, String kind) {
    if (!list.isEmpty()) {
      return sum(list);
    }
    return switch (kind) {
      case "DOUBLE" -> 0.0;
      case "UINT" -> UnsignedLong.ZERO;
      case "DURATION" -> Duration.ZERO;
      default -> 0L;
    };
  }

  private static Object zeroLike(Object first) {
    if (first instanceof Long) {
      return 0L;
    }
    if (first instanceof Double) {
      return 0.0;
    }
    if (first instanceof UnsignedLong) {
      return UnsignedLong.ZERO;
    }
    if (first instanceof Duration) {
      return Duration.ZERO;
    }
    throw KubeErrors.error(
        "sum: list elements must be int, uint, double or duration, got %s",
        CelValues.typeName(first));
  }

  private static Object add(Object total, Object element) {
    try {
      if (total instanceof Long a && element instanceof Long b) {
        return Math.addExact(a, b);
      }
      if (total instanceof Double a && element instanceof Double b) {
        return a + b;
      }
      if (total instanceof UnsignedLong a && element instanceof UnsignedLong b) {
        UnsignedLong result = a.plus(b);
        if (result.compareTo(a) < 0) {
          throw KubeErrors.error("unsigned integer overflow");
        }
        return result;
      }
      if (total instanceof Duration a && element instanceof Duration b) {
        return a.plus(b);
      }
    } catch (ArithmeticException overflow) {
      throw KubeErrors.error("integer overflow");
    }
    throw KubeErrors.error(
        "sum: cannot add %s to %s", CelValues.typeName(element), CelValues.typeName(total));
  }

  static long indexOf(List<?> list, Object item) {
    for (int i = 0; i < list.size(); i++) {
      if (CelValues.equal(list.get(i), item)) {
        return i;
      }
    }
    return -1;
  }

  static long lastIndexOf(List<?> list, Object item) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (CelValues.equal(list.get(i), item)) {
        return i;
      }
    }
    return -1;
  }

  /** library/lists.go includes: a list holds the element, any other value equals it. */
  static boolean includes(Object target, Object element) {
    if (target instanceof List<?> list) {
      return indexOf(list, element) >= 0;
    }
    return CelValues.equal(target, element);
  }

  private static void requireComparable(String function, Object element) {
    if (!CelValues.isComparable(element)) {
      throw KubeErrors.error(
          "%s: list elements must be comparable (int, uint, double, bool, duration, timestamp,"
              + " string or bytes), got %s",
          function, CelValues.typeName(element));
    }
  }

  private static int compare(String function, Object a, Object b) {
    try {
      return CelValues.compare(a, b);
    } catch (IllegalArgumentException e) {
      throw KubeErrors.error("%s: %s", function, e.getMessage());
    }
  }
}
