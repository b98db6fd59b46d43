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

  @Override
  public void callback(CelExpr expr, Object result) {
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
