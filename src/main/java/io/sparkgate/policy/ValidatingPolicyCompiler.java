package io.sparkgate.policy;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.sparkgate.policy.ExpressionCompiler.Expect;
import io.sparkgate.policy.source.SourceDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a ValidatingAdmissionPolicy as the API server would, and compiles its expressions. */
final class ValidatingPolicyCompiler {
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final int MAX_AUDIT_ANNOTATIONS = 20;

  private final ExpressionCompiler compiler;

  ValidatingPolicyCompiler(ExpressionCompiler compiler) {
    this.compiler = compiler;
  }

  CompiledValidatingPolicy compile(
      ValidatingAdmissionPolicy policy, SourceDocument document, List<LoadIssue> issues) {
    PolicyIssues at = new PolicyIssues(compiler, document, issues);
    String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
    ValidatingAdmissionPolicySpec spec = policy.getSpec();
    if (spec == null) {
      at.error("/spec", "spec is required");
      spec = new ValidatingAdmissionPolicySpec();
    }
    boolean noValidations = spec.getValidations() == null || spec.getValidations().isEmpty();
    boolean noAnnotations = spec.getAuditAnnotations() == null || spec.getAuditAnnotations().isEmpty();
    if (noValidations && noAnnotations) {
      at.error("/spec", "one of validations or auditAnnotations must be specified");
    }
    PolicyBasics basics = PolicyBasicsCompiler.compile(spec.getFailurePolicy(), spec.getParamKind(),
        spec.getMatchConstraints(), spec.getMatchConditions(), spec.getVariables(), at);
    return new CompiledValidatingPolicy(
        name,
        basics,
        validations(spec.getValidations(), at),
        auditAnnotations(spec.getAuditAnnotations(), at),
        strict(policy, at));
  }

  /** {@code sparkgate.io/enforcement: strict}: no tenant's Warn mode weakens the policy. */
  private static boolean strict(ValidatingAdmissionPolicy policy, PolicyIssues at) {
    Map<String, String> annotations = policy.getMetadata() == null ? null : policy.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(CompiledValidatingPolicy.ENFORCEMENT_ANNOTATION);
    if (value != null && !value.equals("strict")) {
      at.error("/metadata/annotations/" + CompiledValidatingPolicy.ENFORCEMENT_ANNOTATION.replace("/", "~1"),
          CompiledValidatingPolicy.ENFORCEMENT_ANNOTATION + " must be \"strict\" (or left out)");
    }
    return "strict".equals(value);
  }

  private List<CompiledValidation> validations(List<Validation> validations, PolicyIssues at) {
    List<CompiledValidation> compiled = new ArrayList<>();
    if (validations == null) {
      return compiled;
    }
    for (int i = 0; i < validations.size(); i++) {
      Validation validation = validations.get(i);
      String pointer = "/spec/validations/" + i;
      CompiledExpression expression = at.compile(validation.getExpression(), Expect.BOOL, pointer + "/expression");
      String message = validation.getMessage();
      if (message != null && (message.contains("\n") || message.contains("\r"))) {
        at.error(pointer + "/message", "message must not contain line breaks");
      }
      CompiledExpression messageExpression = null;
      if (validation.getMessageExpression() != null) {
        messageExpression = at.compile(validation.getMessageExpression(), Expect.STRING, pointer + "/messageExpression");
      }
      DenialReason reason = DenialReason.INVALID;
      if (validation.getReason() != null) {
        reason = DenialReason.parse(validation.getReason()).orElse(DenialReason.INVALID);
        if (DenialReason.parse(validation.getReason()).isEmpty()) {
          at.error(pointer + "/reason", "reason must be one of Unauthorized, Forbidden, Invalid, "
              + "RequestEntityTooLarge, got \"" + validation.getReason() + "\"");
        }
      }
      compiled.add(new CompiledValidation(i, expression, message, messageExpression, reason));
    }
    return compiled;
  }

  private List<NamedExpression> auditAnnotations(List<AuditAnnotation> annotations, PolicyIssues at) {
    List<NamedExpression> compiled = new ArrayList<>();
    if (annotations == null) {
      return compiled;
    }
    if (annotations.size() > MAX_AUDIT_ANNOTATIONS) {
      at.error("/spec/auditAnnotations", "at most " + MAX_AUDIT_ANNOTATIONS + " auditAnnotations are allowed");
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < annotations.size(); i++) {
      AuditAnnotation annotation = annotations.get(i);
      String pointer = "/spec/auditAnnotations/" + i;
      String key = annotation.getKey();
      if (key == null || key.length() > 63 || !QUALIFIED_NAME_PART.matcher(key).matches()) {
        at.error(pointer + "/key", "auditAnnotations key \"" + key
            + "\" must be a qualified name of at most 63 characters: alphanumerics, '-', '_' or '.'");
      } else if (!keys.add(key)) {
        at.error(pointer + "/key", "duplicate auditAnnotations key \"" + key + "\"");
      }
      compiled.add(new NamedExpression(key,
          at.compile(annotation.getValueExpression(), Expect.STRING_OR_NULL, pointer + "/valueExpression")));
    }
    return compiled;
  }
}
