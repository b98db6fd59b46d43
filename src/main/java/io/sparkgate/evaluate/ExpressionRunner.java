package io.sparkgate.evaluate;

import dev.cel.runtime.CelEvaluationException;
import io.sparkgate.policy.CompiledExpression;

/**
 * Runs a compiled expression, counts its cost against the activation's current budget, and turns
 * every failure into an error result.
 */
final class ExpressionRunner {
  private ExpressionRunner() {}

  static ExpressionResult run(CompiledExpression expression, Activation variables) {
    if (!expression.compiled()) {
      return ExpressionResult.failed(expression.compileError());
    }
    CostBudget budget = variables.budget();
    ExpressionCost cost = new ExpressionCost(variables.deadline());
    try {
      variables.deadline().check();
      return ExpressionResult.of(expression.program().trace(variables, variables.functions(), cost));
    } catch (CelEvaluationException e) {
      return ExpressionResult.failed(describe(e));
    } catch (EvaluationCancelled e) {
      return ExpressionResult.failed(e.getMessage());
    } catch (OutOfMemoryError e) {
      // one huge allocation (a join or replace over large inputs) failed; the heap itself is fine
      return ExpressionResult.failed("operation cancelled: the evaluation ran out of memory");
    } catch (VariableFailure e) {
      return ExpressionResult.failed(e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      return ExpressionResult.failed("internal error evaluating expression: " + e);
    } finally {
      budget.charge(cost.cost());
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
