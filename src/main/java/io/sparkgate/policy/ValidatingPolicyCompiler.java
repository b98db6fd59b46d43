package io.sparkgate.policy;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.sparkgate.match.MatchCriteria;
import io.sparkgate.policy.ExpressionCompiler.Expect;
import io.sparkgate.policy.source.SourceDocument;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a ValidatingAdmissionPolicy as the API server would, and compiles its expressions. */
final class ValidatingPolicyCompiler {
  private static final Pattern CEL_IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final int MAX_MATCH_CONDITIONS = 64;
  private static final int MAX_AUDIT_ANNOTATIONS = 20;

  private final ExpressionCompiler compiler;

  ValidatingPolicyCompiler(ExpressionCompiler compiler) {
    this.compiler = compiler;
  }

  CompiledValidatingPolicy compile(
      ValidatingAdmissionPolicy policy, SourceDocument document, List<LoadIssue> issues) {
    Issues at = new Issues(document, issues);
    String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
    ValidatingAdmissionPolicySpec spec = policy.getSpec();
    if (spec == null) {
      at.error("/spec", "spec is required");
      spec = new ValidatingAdmissionPolicySpec();
    }
    String failurePolicy = spec.getFailurePolicy() == null ? "Fail" : spec.getFailurePolicy();
    if (!failurePolicy.equals("Fail") && !failurePolicy.equals("Ignore")) {
      at.error("/spec/failurePolicy", "failurePolicy must be Fail or Ignore, got \"" + failurePolicy + "\"");
    }
    boolean noValidations = spec.getValidations() == null || spec.getValidations().isEmpty();
    boolean noAnnotations = spec.getAuditAnnotations() == null || spec.getAuditAnnotations().isEmpty();
    if (noValidations && noAnnotations) {
      at.error("/spec", "one of validations or auditAnnotations must be specified");
    }
    if (spec.getMatchConstraints() == null
        || spec.getMatchConstraints().getResourceRules() == null
        || spec.getMatchConstraints().getResourceRules().isEmpty()) {
      at.error("/spec/matchConstraints", "matchConstraints.resourceRules is required");
    }
    ParamKind paramKind = null;
    if (spec.getParamKind() != null) {
      paramKind = new ParamKind(spec.getParamKind().getApiVersion(), spec.getParamKind().getKind());
      if (isBlank(paramKind.apiVersion()) || isBlank(paramKind.kind())) {
        at.error("/spec/paramKind", "paramKind needs apiVersion and kind");
      }
    }
    MatchCriteria constraints;
    try {
      constraints = MatchCriteria.forPolicy(spec.getMatchConstraints());
    } catch (IllegalArgumentException e) {
      at.error("/spec/matchConstraints", e.getMessage());
      constraints = MatchCriteria.forPolicy(null);
    }
    return new CompiledValidatingPolicy(
        name,
        !failurePolicy.equals("Ignore"),
        paramKind,
        constraints,
        matchConditions(spec.getMatchConditions(), at),
        variables(spec.getVariables(), at),
        validations(spec.getValidations(), at),
        auditAnnotations(spec.getAuditAnnotations(), at));
  }

  List<NamedExpression> matchConditions(List<MatchCondition> conditions, Issues at) {
    List<NamedExpression> compiled = new ArrayList<>();
    if (conditions == null) {
      return compiled;
    }
    if (conditions.size() > MAX_MATCH_CONDITIONS) {
      at.error("/spec/matchConditions", "at most " + MAX_MATCH_CONDITIONS + " matchConditions are allowed");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      MatchCondition condition = conditions.get(i);
      String pointer = "/spec/matchConditions/" + i;
      String name = condition.getName();
      if (isBlank(name)) {
        at.error(pointer, "matchConditions[" + i + "].name is required");
      } else if (!names.add(name)) {
        at.error(pointer + "/name", "duplicate matchCondition name \"" + name + "\"");
      }
      compiled.add(new NamedExpression(name, at.compile(condition.getExpression(), Expect.BOOL, pointer + "/expression")));
    }
    return compiled;
  }

  List<NamedExpression> variables(List<Variable> variables, Issues at) {
    List<NamedExpression> compiled = new ArrayList<>();
    if (variables == null) {
      return compiled;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable variable = variables.get(i);
      String pointer = "/spec/variables/" + i;
      String name = variable.getName();
      if (name == null || !CEL_IDENTIFIER.matcher(name).matches()) {
        at.error(pointer + "/name", "variable name \"" + name + "\" is not a valid CEL identifier");
      } else if (!names.add(name)) {
        at.error(pointer + "/name", "duplicate variable name \"" + name + "\"");
      }
      compiled.add(new NamedExpression(name, at.compile(variable.getExpression(), Expect.ANY, pointer + "/expression")));
    }
    return compiled;
  }

  private List<CompiledValidation> validations(List<Validation> validations, Issues at) {
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

  private List<NamedExpression> auditAnnotations(List<AuditAnnotation> annotations, Issues at) {
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

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** Reports problems at a JSON Pointer of the document and compiles expressions found there. */
  final class Issues {
    private final SourceDocument document;
    private final List<LoadIssue> issues;

    Issues(SourceDocument document, List<LoadIssue> issues) {
      this.document = document;
      this.issues = issues;
    }

    void error(String pointer, String message) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf(pointer), message));
    }

    CompiledExpression compile(String source, Expect expect, String pointer) {
      return compiler.compile(source, expect, document.locationOf(pointer), document.positionOf(pointer), issues);
    }
  }
}
