package io.sparkgate.evaluate;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import io.sparkgate.policy.CompiledExpression;

/** Runs compiled expressions under a budget and turns every failure into an error result. */
final class ExpressionRunner {
  private ExpressionRunner() {}

  static ExpressionResult run(CompiledExpression expression, CelVariableResolver variables, EvaluationBudget budget) {
    if (!expression.compiled()) {
      return ExpressionResult.failed(expression.compileError());
    }
    try {
      budget.checkNow();
      return ExpressionResult.of(expression.program().trace(variables, budget));
    } catch (CelEvaluationException e) {
      return ExpressionResult.failed(describe(e));
    } catch (EvaluationBudget.DeadlineExceeded e) {
      return ExpressionResult.failed("operation cancelled: evaluation exceeded its deadline of "
          + budget.budgetNanos() / 1_000_000 + " ms");
    } catch (EvaluationBudget.ValueTooLarge e) {
      return ExpressionResult.failed("operation cancelled: the evaluation built " + e.getMessage());
    } catch (OutOfMemoryError e) {
      // one huge allocation (a join or replace over large inputs) failed; the heap itself is fine
      return ExpressionResult.failed("operation cancelled: the evaluation ran out of memory");
    } catch (VariableFailure e) {
      return ExpressionResult.failed(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return ExpressionResult.failed("internal error evaluating expression: " + e);
    }
  }

  private static String describe(CelEvaluationException e) {
    Throwable cause = e.getCause();
    if (cause instanceof VariableFailure) {
      return cause.getMessage();
    }
    return CelErrors.describe(e.getMessage(), cause == null ? null : cause.getMessage());
  }

  /** A composited variable failed; the expression that read it fails with the same text. */
  static final class VariableFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VariableFailure(String message) {
      super(message, null, false, false);
    }
  }
}
