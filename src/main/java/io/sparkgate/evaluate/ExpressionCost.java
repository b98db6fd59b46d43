package io.sparkgate.evaluate;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import java.util.Arrays;
import java.util.List;

/**
 * Counts the cost of one expression's evaluation as CEL-Java reports each step, in Kubernetes'
 * units: an identifier or field selection 1, a list literal 10, a map 30, an object 40, a call
 * its {@link CallCost}; constants, logical operators and the comprehension frame nothing, so each
 * iteration pays for its own steps. Past {@link CostLimits#PER_EXPRESSION} the evaluation ends
 * with cel-go's error. Also applies the value-size guard, and looks at the request's deadline
 * every few steps.
 */
final class ExpressionCost implements CelEvaluationListener, CallCost.Arguments {
  private static final int DEADLINE_CHECK_EVERY = 64;
  /** Expression ids are small and dense; a larger one (never seen) is not remembered. */
  private static final int MAX_REMEMBERED_ID = 1 << 16;

  private final Deadline deadline;
  /** The latest value of each sub-expression, by id: a call's arguments are evaluated just before it. */
  private Object[] values = new Object[64];
  private CelExpr.CelCall call;
  private long cost;
  private int steps;

  ExpressionCost(Deadline deadline) {
    this.deadline = deadline;
  }

  long cost() {
    return cost;
  }

  @Override
  public void callback(CelExpr expr, Object result) {
    ValueSizeGuard.check(expr, result);
    remember(expr.id(), result);
    cost += switch (expr.getKind()) {
      case IDENT, SELECT -> 1;
      case LIST -> 10;
      case MAP -> 30;
      case STRUCT -> 40;
      case CALL -> callCost(expr.call(), result);
      default -> 0;
    };
    if (cost > CostLimits.PER_EXPRESSION) {
      throw new EvaluationCancelled(Messages.COST_LIMIT_EXCEEDED);
    }
    if (++steps % DEADLINE_CHECK_EVERY == 0) {
      deadline.check();
    }
  }

  private long callCost(CelExpr.CelCall current, Object result) {
    call = current;
    int count = current.args().size() + (current.target().isPresent() ? 1 : 0);
    return CallCost.of(current.function(), this, count, result);
  }

  /** The value of the current call's argument {@code index}, its receiver being argument 0. */
  @Override
  public Object get(int index) {
    int position = index;
    if (call.target().isPresent()) {
      if (index == 0) {
        return valueOf(call.target().get());
      }
      position--;
    }
    List<CelExpr> args = call.args();
    return position < args.size() ? valueOf(args.get(position)) : null;
  }

  private Object valueOf(CelExpr expr) {
    long id = expr.id();
    return id >= 0 && id < values.length ? values[(int) id] : null;
  }

  private void remember(long id, Object value) {
    if (id < 0 || id >= MAX_REMEMBERED_ID) {
      return;
    }
    if (id >= values.length) {
      values = Arrays.copyOf(values, Math.max(values.length * 2, (int) id + 1));
    }
    values[(int) id] = value;
  }
}
