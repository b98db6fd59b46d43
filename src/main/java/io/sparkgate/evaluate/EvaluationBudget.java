package io.sparkgate.evaluate;

import com.google.protobuf.ByteString;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import io.sparkgate.cel.JsonValues;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A wall-clock deadline for the evaluations of one policy binding. CEL-Java ignores thread
 * interrupts, but calls this listener at every step; throwing an {@link Error} from it is the one
 * way to stop an evaluation at once (a RuntimeException would become a CEL error value).
 */
public final class EvaluationBudget implements CelEvaluationListener {
  /** Thrown out of an evaluation whose deadline passed; caught by {@link ExpressionRunner}. */
  static final class DeadlineExceeded extends Error {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded() {
      super("evaluation deadline exceeded", null, false, false);
    }
  }

  /** Thrown out of an evaluation that built a string or collection past the limits below. */
  static final class ValueTooLarge extends Error {
    private static final long serialVersionUID = 1L;

    ValueTooLarge(String what) {
      super(what, null, false, false);
    }
  }

  /** Longest string an evaluation may build: more than twice the largest request body. */
  public static final int MAX_STRING_CHARS = 16 * 1024 * 1024;
  /** Most elements of a list or map an evaluation may hold. */
  public static final int MAX_ELEMENTS = 4_000_000;

  private static final int CHECK_EVERY = 32;

  private final long deadlineNanos;
  private final long budgetNanos;
  private int steps;

  public EvaluationBudget(long budgetNanos) {
    this.budgetNanos = budgetNanos;
    this.deadlineNanos = System.nanoTime() + budgetNanos;
  }

  public long budgetNanos() {
    return budgetNanos;
  }

  /**
   * Every intermediate value is looked at: a string or collection past its limit ends the
   * evaluation, so that a doubling concatenation cannot fill the heap within the deadline.
   */
  @Override
  public void callback(CelExpr expr, Object result) {
    // constants, identifiers and field selections return input, constants or values checked when
    // they were built; only calls, comprehensions and literals build new values
    if (result != null && BUILDS_VALUES.contains(expr.getKind())) {
      Class<?> type = result.getClass();
      if (type == Boolean.class || type == Long.class) {
        // the most common results of calls: nothing to check, not even a class lookup
      } else if (type == String.class) {
        checkString((String) result);
      } else {
        checkBuilt(type, result);
      }
    }
    if (++steps % CHECK_EVERY == 0 && System.nanoTime() > deadlineNanos) {
      throw new DeadlineExceeded();
    }
  }

  private static void checkBuilt(Class<?> type, Object result) {
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
      throw new ValueTooLarge("a string of " + text.length() + " characters (limit " + MAX_STRING_CHARS + ")");
    }
  }

  private static void checkBytes(ByteString bytes) {
    if (bytes.size() > MAX_STRING_CHARS) {
      throw new ValueTooLarge("bytes of length " + bytes.size() + " (limit " + MAX_STRING_CHARS + ")");
    }
  }

  private static void checkElements(String what, int size, String items) {
    if (size > MAX_ELEMENTS) {
      throw new ValueTooLarge(what + " of " + size + " " + items + " (limit " + MAX_ELEMENTS + ")");
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

  void checkNow() {
    if (System.nanoTime() > deadlineNanos) {
      throw new DeadlineExceeded();
    }
  }
}
