package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.match.MatchCriteria;
import io.sparkgate.policy.CompiledBinding;
import io.sparkgate.policy.CompiledExpression;
import io.sparkgate.policy.CompiledValidatingPolicy;
import io.sparkgate.policy.CompiledValidation;
import io.sparkgate.policy.DenialReason;
import io.sparkgate.policy.NamedExpression;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.policy.ParamReference;
import io.sparkgate.policy.PolicySet;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one ValidatingAdmissionPolicy binding against a request, with Kubernetes' semantics:
 * match, resolve params, then per param: matchConditions, validations (messages only for
 * failures), auditAnnotations.
 */
public final class ValidatingPolicyEvaluator {
  private static final int MAX_MESSAGE_LENGTH = 5 * 1024;
  private static final int MAX_ANNOTATION_VALUE_LENGTH = 10 * 1024;

  private final long budgetNanos;
  private final Object authorizer;

  public ValidatingPolicyEvaluator(long budgetNanos, Object authorizer) {
    this.budgetNanos = budgetNanos;
    this.authorizer = authorizer;
  }

  /** An empty list when the binding does not apply to the request. */
  public List<BindingEvaluation> evaluate(
      CompiledBinding binding, AdmissionRequest request, PolicySet set, Explainer explain) {
    CompiledValidatingPolicy policy = binding.policy();
    MatchCriteria.Result constraints = policy.constraints().match(request, set.namespaces());
    if (!constraints.matches()) {
      explain.binding(policy.name(), binding.name(), false, "policy matchConstraints: " + constraints.reason());
      return List.of();
    }
    if (binding.matchResources() != null) {
      MatchCriteria.Result narrowed = binding.matchResources().match(request, set.namespaces());
      if (!narrowed.matches()) {
        explain.binding(policy.name(), binding.name(), false, "binding matchResources: " + narrowed.reason());
        return List.of();
      }
    }
    ParamResolution params = resolveParams(binding, request, set);
    if (params.error() != null) {
      explain.binding(policy.name(), binding.name(), true, "binding misconfigured: " + params.error());
      String message = params.custom() ? params.error() : "failed to configure binding: " + params.error();
      PolicyDecision misconfigured = new PolicyDecision(PolicyDecision.Outcome.MISCONFIGURED,
          policy.failClosed(), message, DenialReason.INVALID, -1);
      return List.of(new BindingEvaluation(binding, null, List.of(misconfigured), List.of(), List.of()));
    }
    if (params.objects().isEmpty()) {
      explain.binding(policy.name(), binding.name(), false, "no params found; parameterNotFoundAction is Allow");
      return List.of();
    }
    explain.binding(policy.name(), binding.name(), true, "matches");
    List<BindingEvaluation> evaluations = new ArrayList<>(params.objects().size());
    for (JsonNode param : params.objects()) {
      evaluations.add(evaluateWithParam(binding, request, set, param, explain));
    }
    return evaluations;
  }

  /** The params to evaluate with, or why there are none; {@code custom} marks a binding's own text. */
  private record ParamResolution(List<JsonNode> objects, String error, boolean custom) {
    ParamResolution(List<JsonNode> objects, String error) {
      this(objects, error, false);
    }
  }

  private static final List<JsonNode> NO_PARAMS = java.util.Collections.singletonList(null);

  private static ParamResolution resolveParams(CompiledBinding binding, AdmissionRequest request, PolicySet set) {
    ParamKind kind = binding.policy().paramKind();
    if (kind == null) {
      return new ParamResolution(NO_PARAMS, null);
    }
    ParamReference ref = binding.paramRef();
    if (ref == null) {
      return new ParamResolution(NO_PARAMS, null);
    }
    String namespace = ref.namespace();
    if (namespace.isEmpty() && set.params().namespaced(kind)) {
      if (!request.namespaced()) {
        return new ParamResolution(List.of(),
            "cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
      }
      namespace = request.namespace();
    }
    List<JsonNode> found;
    if (ref.name() != null) {
      JsonNode param = set.params().byName(kind, namespace, ref.name());
      found = param == null ? List.of() : List.of(param);
    } else {
      found = set.params().bySelector(kind, namespace, ref.selector());
    }
    if (found.isEmpty() && ref.denyWhenNotFound()) {
      if (ref.notFoundMessage() != null) {
        return new ParamResolution(List.of(), ref.notFoundMessage().replace("{namespace}", namespace), true);
      }
      return new ParamResolution(List.of(), "no params found for policy binding with `Deny` parameterNotFoundAction");
    }
    return new ParamResolution(found, null);
  }

  private BindingEvaluation evaluateWithParam(
      CompiledBinding binding, AdmissionRequest request, PolicySet set, JsonNode param, Explainer explain) {
    CompiledValidatingPolicy policy = binding.policy();
    String paramName = param == null ? null : param.path("metadata").path("name").asText(null);
    Activation activation = new Activation(request, param, set.namespaces(), authorizer,
        policy.variables(), new EvaluationBudget(budgetNanos));
    PolicyDecision matchError = matchConditions(policy, activation, explain);
    if (matchError == MATCH_CONDITIONS_FALSE) {
      return new BindingEvaluation(binding, paramName, List.of(), List.of(), List.of());
    }
    if (matchError != null) {
      return new BindingEvaluation(binding, paramName, List.of(matchError), List.of(), List.of());
    }
    List<PolicyDecision> decisions = new ArrayList<>(policy.validations().size());
    for (CompiledValidation validation : policy.validations()) {
      decisions.add(validate(policy, validation, activation, explain));
    }
    List<AuditAnnotationValue> annotations = new ArrayList<>();
    List<PolicyDecision> annotationErrors = new ArrayList<>();
    for (NamedExpression annotation : policy.auditAnnotations()) {
      annotate(policy, annotation, activation, explain, annotations, annotationErrors);
    }
    if (explain.enabled()) {
      activation.evaluatedVariables().forEach((name, result) ->
          explain.expression("variables." + name, sourceOf(policy, name), result));
    }
    return new BindingEvaluation(binding, paramName, decisions, annotations, annotationErrors);
  }

  private static String sourceOf(CompiledValidatingPolicy policy, String variable) {
    for (NamedExpression candidate : policy.variables()) {
      if (candidate.name().equals(variable)) {
        return candidate.expression().source();
      }
    }
    return "";
  }

  private static final PolicyDecision MATCH_CONDITIONS_FALSE = PolicyDecision.pass(-2);

  /** null when every condition holds; MATCH_CONDITIONS_FALSE when one is false; else the error. */
  private static PolicyDecision matchConditions(
      CompiledValidatingPolicy policy, Activation activation, Explainer explain) {
    List<String> errors = new ArrayList<>();
    for (NamedExpression condition : policy.matchConditions()) {
      ExpressionResult result = ExpressionRunner.run(condition.expression(), activation, activation.budget());
      explain.expression("matchConditions[" + condition.name() + "]", condition.expression().source(), result);
      if (result.failed()) {
        errors.add(Messages.expressionError(condition.expression().source(), result.error()));
      } else if (Boolean.FALSE.equals(result.value())) {
        return MATCH_CONDITIONS_FALSE;
      } else if (!(result.value() instanceof Boolean)) {
        errors.add(Messages.expressionError(condition.expression().source(), "must evaluate to bool"));
      }
    }
    if (errors.isEmpty()) {
      return null;
    }
    if (!policy.failClosed()) {
      return MATCH_CONDITIONS_FALSE;
    }
    String message = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    return new PolicyDecision(PolicyDecision.Outcome.ERROR, true, message, DenialReason.INVALID, 0);
  }

  private static PolicyDecision validate(
      CompiledValidatingPolicy policy, CompiledValidation validation, Activation activation, Explainer explain) {
    CompiledExpression expression = validation.expression();
    ExpressionResult result = ExpressionRunner.run(expression, activation, activation.budget());
    explain.expression("validations[" + validation.index() + "]", expression.source(), result);
    if (!result.failed() && !(result.value() instanceof Boolean)) {
      result = ExpressionResult.failed("validation expression must evaluate to bool, got "
          + Messages.typeName(result.value()));
    }
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
    if (validation.messageExpression() != null) {
      ExpressionResult result =
          ExpressionRunner.run(validation.messageExpression(), activation, activation.budget());
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
    ExpressionResult result = ExpressionRunner.run(expression, activation, activation.budget());
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
