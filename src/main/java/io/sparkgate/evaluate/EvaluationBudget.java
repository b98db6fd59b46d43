package io.sparkgate.evaluate;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;

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
    if (result instanceof String text && text.length() > MAX_STRING_CHARS) {
      throw new ValueTooLarge("a string of " + text.length() + " characters (limit " + MAX_STRING_CHARS + ")");
    }
    if (result instanceof com.google.protobuf.ByteString bytes && bytes.size() > MAX_STRING_CHARS) {
      throw new ValueTooLarge("bytes of length " + bytes.size() + " (limit " + MAX_STRING_CHARS + ")");
    }
    if (result instanceof java.util.Collection<?> items && items.size() > MAX_ELEMENTS) {
      throw new ValueTooLarge("a list of " + items.size() + " elements (limit " + MAX_ELEMENTS + ")");
    }
    if (result instanceof java.util.Map<?, ?> entries && entries.size() > MAX_ELEMENTS) {
      throw new ValueTooLarge("a map of " + entries.size() + " entries (limit " + MAX_ELEMENTS + ")");
    }
    if (++steps % CHECK_EVERY == 0 && System.nanoTime() > deadlineNanos) {
      throw new DeadlineExceeded();
    }
  }

  void checkNow() {
    if (System.nanoTime() > deadlineNanos) {
      throw new DeadlineExceeded();
    }
  }
}
