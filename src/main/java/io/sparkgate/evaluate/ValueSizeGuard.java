package io.sparkgate.evaluate;

import com.google.protobuf.ByteString;
import dev.cel.common.ast.CelExpr;
import io.sparkgate.cel.JsonValues;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Bounds the values an evaluation builds, so that a doubling concatenation cannot fill the heap
 * before its cost is counted: a string or collection past its limit ends the evaluation.
 */
final class ValueSizeGuard {
  /** Longest string an evaluation may build: more than twice the largest request body. */
  static final int MAX_STRING_CHARS = 16 * 1024 * 1024;
  /** Most elements of a list or map an evaluation may hold. */
  static final int MAX_ELEMENTS = 4_000_000;

  private ValueSizeGuard() {}

  /**
   * Constants, identifiers and field selections return input, constants or values checked when
   * they were built; only calls, comprehensions and literals build new values.
   */
  static void check(CelExpr expr, Object result) {
    if (result == null || !BUILDS_VALUES.contains(expr.getKind())) {
      return;
    }
    Class<?> type = result.getClass();
    if (type == Boolean.class || type == Long.class) {
      // the most common results of calls: nothing to check, not even a class lookup
      return;
    }
    if (type == String.class) {
      checkString((String) result);
      return;
    }
    switch (KINDS.get(type)) {
      case STRING -> checkString((String) result);
      case BYTES -> checkBytes((ByteString) result);
      case COLLECTION -> checkElements("a list", ((Collection<?>) result).size(), "elements");
      case MAP -> checkElements("a map", ((Map<?, ?>) result).size(), "entries");
      case UNCHECKED -> { }
    }
  }

  private static void checkString(String text) {
    if (text.length() > MAX_STRING_CHARS) {
      throw new EvaluationCancelled(Messages.valueTooLarge(
          "a string of " + text.length() + " characters (limit " + MAX_STRING_CHARS + ")"));
    }
  }

  private static void checkBytes(ByteString bytes) {
    if (bytes.size() > MAX_STRING_CHARS) {
      throw new EvaluationCancelled(Messages.valueTooLarge(
          "bytes of length " + bytes.size() + " (limit " + MAX_STRING_CHARS + ")"));
    }
  }

  private static void checkElements(String what, int size, String items) {
    if (size > MAX_ELEMENTS) {
      throw new EvaluationCancelled(Messages.valueTooLarge(
          what + " of " + size + " " + items + " (limit " + MAX_ELEMENTS + ")"));
    }
  }

  private static final Set<CelExpr.ExprKind.Kind> BUILDS_VALUES = EnumSet.of(
      CelExpr.ExprKind.Kind.CALL, CelExpr.ExprKind.Kind.COMPREHENSION, CelExpr.ExprKind.Kind.LIST,
      CelExpr.ExprKind.Kind.MAP, CelExpr.ExprKind.Kind.STRUCT);

  /**
   * What a value's class needs checking for; looked up once per class, not with instanceof per
   * step. Views of the request are as large as its body allows and are not checked.
   */
  private enum Kind { STRING, BYTES, COLLECTION, MAP, UNCHECKED }

  private static final ClassValue<Kind> KINDS = new ClassValue<>() {
    @Override
    protected Kind computeValue(Class<?> type) {
      if (JsonValues.isView(type)) {
        return Kind.UNCHECKED;
      }
      if (String.class.isAssignableFrom(type)) {
        return Kind.STRING;
      }
      if (ByteString.class.isAssignableFrom(type)) {
        return Kind.BYTES;
      }
      if (Collection.class.isAssignableFrom(type)) {
        return Kind.COLLECTION;
      }
      if (Map.class.isAssignableFrom(type)) {
        return Kind.MAP;
      }
      return Kind.UNCHECKED;
    }
  };
}
