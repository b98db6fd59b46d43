package io.sparkgate.decide;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.evaluate.AuditAnnotationValue;
import io.sparkgate.evaluate.BindingEvaluation;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.Messages;
import io.sparkgate.evaluate.PolicyDecision;
import io.sparkgate.evaluate.ValidatingPolicyEvaluator;
import io.sparkgate.policy.CompiledValidatingBinding;
import io.sparkgate.policy.DenialReason;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.ValidationAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs every validating binding of a policy set over a request and combines the findings by
 * validationActions (Deny, Warn, Audit) and failurePolicy, as Kubernetes' dispatcher does; unlike
 * Kubernetes, every denial is reported, not only the first.
 */
public final class ValidatingDispatcher {
  public static final String VALIDATION_FAILURE_KEY = "validation.policy.admission.k8s.io/validation_failure";
  private static final int MAX_AUDIT_FAILURES = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ValidatingPolicyEvaluator evaluator;

  public ValidatingDispatcher(ValidatingPolicyEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  private record Denial(String message, DenialReason reason) {}

  public ValidationDecision dispatch(AdmissionRequest request, PolicySet set, Explainer explain) {
    List<Denial> denials = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    Map<String, Set<String>> annotations = new LinkedHashMap<>();
    ArrayNode auditFailures = JSON.createArrayNode();
    Set<String> misconfigurations = new HashSet<>();
    List<PolicyResult> results = new ArrayList<>();
    for (CompiledValidatingBinding binding : set.validatingIndex().candidates(request.resource().group(),
        request.resource().resource())) {
      for (BindingEvaluation evaluation : evaluator.evaluate(binding, request, set, explain)) {
        String policy = binding.policy().name();
        for (PolicyDecision decision : evaluation.decisions()) {
          String action = apply(binding, decision, denials, warnings, auditFailures, misconfigurations);
          results.add(new PolicyResult(policy, binding.name(), evaluation.paramName(), action,
              decision.outcome().name().toLowerCase(Locale.ROOT), decision.message()));
        }
        if (evaluation.decisions().isEmpty()) {
          results.add(new PolicyResult(policy, binding.name(), evaluation.paramName(), "none", "not-applicable", ""));
        }
        for (AuditAnnotationValue value : evaluation.auditAnnotations()) {
          annotations.computeIfAbsent(value.key(), k -> new LinkedHashSet<>()).add(value.value());
        }
        for (PolicyDecision error : evaluation.annotationErrors()) {
          denials.add(new Denial(Messages.denial(policy, binding.name(), error.message()), error.reason()));
          results.add(new PolicyResult(policy, binding.name(), evaluation.paramName(), "deny", "error", error.message()));
        }
      }
    }
    Map<String, String> auditAnnotations = new LinkedHashMap<>();
    annotations.forEach((key, values) -> auditAnnotations.put(key, String.join(", ", values)));
    if (!auditFailures.isEmpty()) {
      auditAnnotations.put(VALIDATION_FAILURE_KEY, auditFailures.toString());
    }
    if (denials.isEmpty()) {
      return new ValidationDecision(true, 200, "", "", List.copyOf(warnings), auditAnnotations, results);
    }
    Denial first = denials.get(0);
    List<String> messages = new ArrayList<>(denials.size());
    for (Denial denial : denials) {
      messages.add(denial.message());
    }
    return new ValidationDecision(false, first.reason().code(), first.reason().text(),
        String.join("; ", messages), List.copyOf(warnings), auditAnnotations, results);
  }

  /** Applies a binding's actions to one decision and says which were taken. */
  private static String apply(CompiledValidatingBinding binding, PolicyDecision decision, List<Denial> denials,
      Set<String> warnings, ArrayNode auditFailures, Set<String> misconfigurations) {
    if (!decision.deny()) {
      return "none";
    }
    String policy = binding.policy().name();
    if (decision.outcome() == PolicyDecision.Outcome.MISCONFIGURED) {
      // The same misconfiguration of several bindings (an invalid SparkTenant that every Spark
      // policy reads) is one problem: it is reported once, by the first binding.
      if (!misconfigurations.add(decision.message())) {
        return "deny";
      }
      denials.add(new Denial(Messages.denial(policy, binding.name(), decision.message()), decision.reason()));
      return "deny";
    }
    List<String> taken = new ArrayList<>();
    for (ValidationAction action : binding.actions()) {
      switch (action) {
        case DENY -> denials.add(new Denial(Messages.denial(policy, binding.name(), decision.message()), decision.reason()));
        case WARN -> warnings.add(Messages.warning(policy, binding.name(), decision.message()));
        case AUDIT -> {
          if (auditFailures.size() < MAX_AUDIT_FAILURES) {
            ObjectNode failure = auditFailures.addObject();
            failure.put("message", decision.message());
            failure.put("policy", policy);
            failure.put("binding", binding.name());
            failure.put("expressionIndex", decision.expressionIndex());
            ArrayNode actions = failure.putArray("validationActions");
            binding.actions().forEach(a -> actions.add(a.text()));
          }
        }
      }
      taken.add(action.text().toLowerCase(Locale.ROOT));
    }
    return String.join(",", taken);
  }
}
