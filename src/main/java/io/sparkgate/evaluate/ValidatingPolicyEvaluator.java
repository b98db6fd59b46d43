package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.cel.CelNulls;
import io.sparkgate.policy.CompiledValidatingBinding;
import io.sparkgate.policy.CompiledExpression;
import io.sparkgate.policy.CompiledValidatingPolicy;
import io.sparkgate.policy.CompiledValidation;
import io.sparkgate.policy.DenialReason;
import io.sparkgate.policy.NamedExpression;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one ValidatingAdmissionPolicy binding against a request, with Kubernetes' semantics:
 * match, resolve params, then per param: matchConditions, validations, the messages of the failed
 * ones, auditAnnotations. As in-tree, the validations and then the messageExpressions share one
 * budget of {@link CostLimits#PER_BINDING}, the auditAnnotations have another; a stage that runs
 * out of its budget makes the binding's answer that one error.
 */
public final class ValidatingPolicyEvaluator {
  private static final int MAX_MESSAGE_LENGTH = 5 * 1024;
  private static final int MAX_ANNOTATION_VALUE_LENGTH = 10 * 1024;

  /** An empty list when the binding does not apply to the request. */
  public List<BindingValidation> evaluate(CompiledValidatingBinding binding, EvaluationContext context) {
    CompiledValidatingPolicy policy = binding.policy();
    BindingTarget.Resolution target = BindingTarget.resolve(binding, context);
    if (target.error() != null) {
      PolicyDecision misconfigured = new PolicyDecision(PolicyDecision.Outcome.MISCONFIGURED,
          policy.failClosed(), target.error(), DenialReason.INVALID, -1);
      return List.of(new BindingValidation(binding, null, List.of(misconfigured), List.of(), List.of()));
    }
    List<BindingValidation> evaluations = new ArrayList<>(target.params().size());
    for (JsonNode param : target.params()) {
      Activation activation = new Activation(context, param, policy.variables());
      evaluations.add(evaluateWithParam(binding, activation, param, context.explain()));
    }
    return evaluations;
  }

  private static BindingValidation evaluateWithParam(
      CompiledValidatingBinding binding, Activation activation, JsonNode param, Explainer explain) {
    CompiledValidatingPolicy policy = binding.policy();
    String paramName = param == null ? null : param.path("metadata").path("name").asText(null);
    MatchConditions.Outcome conditions =
        MatchConditions.evaluate(policy.matchConditions(), policy.failClosed(), activation, explain);
    if (conditions.error() != null) {
      PolicyDecision error = new PolicyDecision(PolicyDecision.Outcome.ERROR, true, conditions.error(),
          DenialReason.INVALID, 0);
      return new BindingValidation(binding, paramName, List.of(error), List.of(), List.of());
    }
    if (!conditions.matches()) {
      return new BindingValidation(binding, paramName, List.of(), List.of(), List.of());
    }
    List<PolicyDecision> decisions = validateAll(policy, activation, explain);
    if (decisions == null) {
      return outOfBudget(binding, paramName);
    }
    List<AuditAnnotationValue> annotations = new ArrayList<>();
    List<PolicyDecision> annotationErrors = new ArrayList<>();
    activation.chargeTo(new CostBudget(CostLimits.PER_BINDING));
    for (NamedExpression annotation : policy.auditAnnotations()) {
      annotate(policy, annotation, activation, explain, annotations, annotationErrors);
      if (activation.budget().exhausted()) {
        return outOfBudget(binding, paramName);
      }
    }
    if (explain.enabled()) {
      activation.evaluatedVariables().forEach((name, result) ->
          explain.expression("variables." + name, sourceOf(policy, name), result));
    }
    return new BindingValidation(binding, paramName, decisions, annotations, annotationErrors);
  }

  /**
   * The validations' decisions; null when they ran out of the budget. The failed ones' messages
   * come after all validations, from what the validations left of the budget; when they run out,
   * every decision that was not already an error becomes one (Kubernetes' validator).
   */
  private static List<PolicyDecision> validateAll(
      CompiledValidatingPolicy policy, Activation activation, Explainer explain) {
    CostBudget budget = new CostBudget(CostLimits.PER_BINDING);
    activation.chargeTo(budget);
    List<ExpressionResult> results = new ArrayList<>(policy.validations().size());
    for (CompiledValidation validation : policy.validations()) {
      results.add(validate(validation, activation, explain));
      if (budget.exhausted()) {
        return null;
      }
    }
    List<PolicyDecision> decisions = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      decisions.add(decide(policy, policy.validations().get(i), results.get(i), activation, explain));
    }
    if (!budget.exhausted()) {
      return decisions;
    }
    String error = Messages.failedMessageExpression(Messages.OUT_OF_BUDGET);
    return decisions.stream()
        .map(decision -> decision.outcome() == PolicyDecision.Outcome.ERROR ? decision
            : new PolicyDecision(PolicyDecision.Outcome.ERROR, policy.failClosed(), error, DenialReason.INVALID,
                decision.expressionIndex()))
        .toList();
  }

  private static BindingValidation outOfBudget(CompiledValidatingBinding binding, String paramName) {
    PolicyDecision error = new PolicyDecision(PolicyDecision.Outcome.ERROR, binding.policy().failClosed(),
        Messages.OUT_OF_BUDGET, DenialReason.INVALID, 0);
    return new BindingValidation(binding, paramName, List.of(error), List.of(), List.of());
  }

  private static String sourceOf(CompiledValidatingPolicy policy, String variable) {
    for (NamedExpression candidate : policy.variables()) {
      if (candidate.name().equals(variable)) {
        return candidate.expression().source();
      }
    }
    return "";
  }

  private static ExpressionResult validate(CompiledValidation validation, Activation activation, Explainer explain) {
    CompiledExpression expression = validation.expression();
    ExpressionResult result = ExpressionRunner.run(expression, activation);
    explain.expression("validations[" + validation.index() + "]", expression.source(), result);
    if (!result.failed() && !(result.value() instanceof Boolean)) {
      return ExpressionResult.failed("validation expression must evaluate to bool, got "
          + Messages.typeName(result.value())).withCost(result.cost());
    }
    return result;
  }

  private static PolicyDecision decide(CompiledValidatingPolicy policy, CompiledValidation validation,
      ExpressionResult result, Activation activation, Explainer explain) {
    CompiledExpression expression = validation.expression();
    if (result.failed()) {
      return new PolicyDecision(PolicyDecision.Outcome.ERROR, policy.failClosed(),
          Messages.expressionError(expression.source(), result.error()), DenialReason.INVALID, validation.index());
    }
    if (Boolean.TRUE.equals(result.value())) {
      return PolicyDecision.pass(validation.index());
    }
    return new PolicyDecision(PolicyDecision.Outcome.FAIL, true,
        failureMessage(validation, activation, explain), validation.reason(), validation.index());
  }

  private static String failureMessage(CompiledValidation validation, Activation activation, Explainer explain) {
    if (validation.messageExpression() != null && !activation.budget().exhausted()) {
      ExpressionResult result = ExpressionRunner.run(validation.messageExpression(), activation);
      explain.expression("validations[" + validation.index() + "].messageExpression",
          validation.messageExpression().source(), result);
      if (!result.failed() && result.value() instanceof String text) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty() && trimmed.length() <= MAX_MESSAGE_LENGTH
            && !trimmed.contains("\n") && !trimmed.contains("\r")) {
          return trimmed;
        }
      }
    }
    if (validation.message() != null && !validation.message().isBlank()) {
      return validation.message().strip();
    }
    return "failed expression: " + validation.expression().source().strip();
  }

  /**
   * Kubernetes trims a value and omits it when blank or null; a value over 10 KiB is cut to 10 KiB
   * by the dispatcher. Errors follow failurePolicy.
   */
  private static void annotate(
      CompiledValidatingPolicy policy, NamedExpression annotation, Activation activation, Explainer explain,
      List<AuditAnnotationValue> values, List<PolicyDecision> errors) {
    CompiledExpression expression = annotation.expression();
    ExpressionResult result = ExpressionRunner.run(expression, activation);
    explain.expression("auditAnnotations[" + annotation.name() + "]", expression.source(), result);
    String error = null;
    if (result.failed()) {
      error = Messages.expressionError(expression.source(), result.error());
    } else if (result.value() instanceof String text) {
      String value = text.strip();
      if (value.length() > MAX_ANNOTATION_VALUE_LENGTH) {
        value = value.substring(0, MAX_ANNOTATION_VALUE_LENGTH);
      }
      if (!value.isEmpty()) {
        values.add(new AuditAnnotationValue(policy.name() + "/" + annotation.name(), value));
      }
    } else if (!CelNulls.isNull(result.value())) {
      error = "valueExpression '" + expression.source() + "' resulted in unsupported return type: "
          + Messages.typeName(result.value()) + ". Return type must be either string or null.";
    }
    if (error != null && policy.failClosed()) {
      errors.add(new PolicyDecision(PolicyDecision.Outcome.ERROR, true, error, DenialReason.INVALID, -1));
    }
  }
}
