package io.sparkgate.evaluate;

import io.sparkgate.policy.NamedExpression;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy's matchConditions, as Kubernetes evaluates them: a false condition skips the policy;
 * errors are reported together, or skip the policy when failurePolicy is Ignore. They share a
 * budget of {@link CostLimits#MATCH_CONDITIONS}; running out of it is an error of its own.
 */
final class MatchConditions {
  /** {@code error} is set when the policy must fail; otherwise {@code matches} says whether to go on. */
  record Outcome(boolean matches, String error) {}

  private static final Outcome MATCH = new Outcome(true, null);
  private static final Outcome NO_MATCH = new Outcome(false, null);

  private MatchConditions() {}

  static Outcome evaluate(List<NamedExpression> conditions, boolean failClosed, Activation activation,
      Explainer explain) {
    activation.chargeTo(new CostBudget(CostLimits.MATCH_CONDITIONS));
    List<String> errors = new ArrayList<>();
    for (NamedExpression condition : conditions) {
      ExpressionResult result = ExpressionRunner.run(condition.expression(), activation);
      explain.expression("matchConditions[" + condition.name() + "]", condition.expression().source(), result);
      if (activation.budget().exhausted()) {
        return failClosed ? new Outcome(false, Messages.OUT_OF_BUDGET) : NO_MATCH;
      }
      if (result.failed()) {
        errors.add(Messages.expressionError(condition.expression().source(), result.error()));
      } else if (Boolean.FALSE.equals(result.value())) {
        return NO_MATCH;
      } else if (!(result.value() instanceof Boolean)) {
        errors.add(Messages.expressionError(condition.expression().source(), "must evaluate to bool"));
      }
    }
    if (errors.isEmpty()) {
      return MATCH;
    }
    if (!failClosed) {
      return NO_MATCH;
    }
    return new Outcome(false, errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
  }
}
