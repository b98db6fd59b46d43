package io.sparkgate.policy;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.sparkgate.match.MatchCriteria;
import io.sparkgate.policy.ExpressionCompiler.Expect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks and compiles the parts every policy kind shares, as the API server validates them. */
final class PolicyBasicsCompiler {
  private static final Pattern CEL_IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
  private static final int MAX_MATCH_CONDITIONS = 64;

  private PolicyBasicsCompiler() {}

  static PolicyBasics compile(
      String failurePolicy,
      io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind paramKind,
      MatchResources matchConstraints,
      List<MatchCondition> matchConditions,
      List<Variable> variables,
      PolicyIssues at) {
    String failure = failurePolicy == null ? "Fail" : failurePolicy;
    if (!failure.equals("Fail") && !failure.equals("Ignore")) {
      at.error("/spec/failurePolicy", "failurePolicy must be Fail or Ignore, got \"" + failure + "\"");
    }
    if (matchConstraints == null || matchConstraints.getResourceRules() == null
        || matchConstraints.getResourceRules().isEmpty()) {
      at.error("/spec/matchConstraints", "matchConstraints.resourceRules is required");
    }
    ParamKind kind = null;
    if (paramKind != null) {
      kind = new ParamKind(paramKind.getApiVersion(), paramKind.getKind());
      if (isBlank(kind.apiVersion()) || isBlank(kind.kind())) {
        at.error("/spec/paramKind", "paramKind needs apiVersion and kind");
      }
    }
    MatchCriteria constraints;
    try {
      constraints = MatchCriteria.forPolicy(matchConstraints);
    } catch (IllegalArgumentException e) {
      at.error("/spec/matchConstraints", e.getMessage());
      constraints = MatchCriteria.forPolicy(null);
    }
    return new PolicyBasics(!failure.equals("Ignore"), kind, constraints,
        matchConditions(matchConditions, at), variables(variables, at));
  }

  private static List<NamedExpression> matchConditions(List<MatchCondition> conditions, PolicyIssues at) {
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

  private static List<NamedExpression> variables(List<Variable> variables, PolicyIssues at) {
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

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
