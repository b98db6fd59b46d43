package io.sparkgate.decide;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.decide.PolicyResult.Action;
import io.sparkgate.decide.PolicyResult.Outcome;
import io.sparkgate.evaluate.AuditAnnotationValue;
import io.sparkgate.evaluate.BindingValidation;
import io.sparkgate.evaluate.EvaluationContext;
import io.sparkgate.evaluate.Messages;
import io.sparkgate.evaluate.PolicyDecision;
import io.sparkgate.evaluate.ValidatingPolicyEvaluator;
import io.sparkgate.policy.CompiledValidatingBinding;
import io.sparkgate.policy.DenialReason;
import io.sparkgate.policy.ValidationAction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
  private static final Set<Action> DENIED = Set.of(Action.DENY);

  private final ValidatingPolicyEvaluator evaluator;
  private final Enforcement enforcement;

  public ValidatingDispatcher(ValidatingPolicyEvaluator evaluator) {
    this(evaluator, Enforcement.NONE);
  }

  public ValidatingDispatcher(ValidatingPolicyEvaluator evaluator, Enforcement enforcement) {
    this.evaluator = evaluator;
    this.enforcement = enforcement;
  }

  private record Denial(String message, DenialReason reason) {}

  /** The request's enforcement view, built when the first violation asks for it. */
  private final class LazyEnforcement {
    private final EvaluationContext context;
    private Enforcement.RequestEnforcement view;

    LazyEnforcement(EvaluationContext context) {
      this.context = context;
    }

    DenialRelief reliefFor(String policy, boolean strict) {
      if (view == null) {
        view = enforcement.forRequest(context);
      }
      return view.reliefFor(policy, strict);
    }
  }

  public ValidationDecision dispatch(EvaluationContext context) {
    AdmissionRequest request = context.request();
    LazyEnforcement relief = new LazyEnforcement(context);
    List<Denial> denials = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    Map<String, Set<String>> annotations = new LinkedHashMap<>();
    ArrayNode auditFailures = JSON.createArrayNode();
    Set<String> misconfigurations = new HashSet<>();
    List<PolicyResult> results = new ArrayList<>();
    OwnKindVerdict own = enforcement.ownKind(context);
    if (own != null) {
      results.add(new PolicyResult(own.check(), own.check(), null, own.allowed() ? Set.of() : DENIED,
          own.allowed() ? Outcome.PASS : Outcome.FAIL, own.message()));
      if (!own.allowed()) {
        denials.add(new Denial(own.message(), own.reason()));
      }
    }
    for (CompiledValidatingBinding binding : context.set().validatingIndex().candidates(request.resource().group(),
        request.resource().resource())) {
      for (BindingValidation evaluation : evaluator.evaluate(binding, context)) {
        String policy = binding.policy().name();
        for (PolicyDecision decision : evaluation.decisions()) {
          DenialRelief granted = decision.outcome() == PolicyDecision.Outcome.FAIL
              && binding.actions().contains(ValidationAction.DENY)
              ? relief.reliefFor(policy, binding.policy().strict()) : null;
          Set<Action> actions = apply(binding, decision, granted, denials, warnings, auditFailures, misconfigurations);
          results.add(new PolicyResult(policy, binding.name(), evaluation.paramName(), actions,
              Outcome.of(decision.outcome()), decision.message(), granted));
        }
        if (evaluation.decisions().isEmpty()) {
          results.add(new PolicyResult(policy, binding.name(), evaluation.paramName(), Set.of(), Outcome.NOT_APPLICABLE,
              ""));
        }
        for (AuditAnnotationValue value : evaluation.auditAnnotations()) {
          annotations.computeIfAbsent(value.key(), k -> new LinkedHashSet<>()).add(value.value());
        }
        for (PolicyDecision error : evaluation.annotationErrors()) {
          denials.add(new Denial(Messages.denial(policy, binding.name(), error.message()), error.reason()));
          results.add(new PolicyResult(policy, binding.name(), evaluation.paramName(), DENIED, Outcome.ERROR,
              error.message()));
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

  /**
   * Applies a binding's actions to one decision and says which were taken. With a relief, the
   * binding's Deny becomes a warning that says why the request was not denied.
   */
  private static Set<Action> apply(CompiledValidatingBinding binding, PolicyDecision decision, DenialRelief relief,
      List<Denial> denials, Set<String> warnings, ArrayNode auditFailures, Set<String> misconfigurations) {
    if (!decision.deny()) {
      return Set.of();
    }
    String policy = binding.policy().name();
    if (decision.outcome() == PolicyDecision.Outcome.MISCONFIGURED) {
      // The same misconfiguration of several bindings (an invalid SparkTenant that every Spark
      // policy reads) is one problem: it is reported once, by the first binding.
      if (!misconfigurations.add(decision.message())) {
        return DENIED;
      }
      denials.add(new Denial(Messages.denial(policy, binding.name(), decision.message()), decision.reason()));
      return DENIED;
    }
    Set<Action> taken = EnumSet.noneOf(Action.class);
    for (ValidationAction action : binding.actions()) {
      switch (action) {
        case DENY -> {
          if (relief == null) {
            denials.add(new Denial(Messages.denial(policy, binding.name(), decision.message()), decision.reason()));
          } else {
            warnings.add(relief.source() == DenialRelief.Source.EXCEPTION
                ? Messages.waived(policy, binding.name(), relief.exception(), relief.expires(), decision.message())
                : Messages.warnMode(policy, binding.name(), relief.tenant(), decision.message()));
            taken.add(Action.WARN);
            continue;
          }
        }
        case WARN -> {
          if (relief == null) {
            warnings.add(Messages.warning(policy, binding.name(), decision.message()));
          }
        }
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
      taken.add(Action.of(action));
    }
    return taken;
  }
}
