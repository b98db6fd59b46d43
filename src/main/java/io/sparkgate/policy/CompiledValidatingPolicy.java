package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;
import java.util.List;

/**
 * A ValidatingAdmissionPolicy with every expression compiled. {@code strict}: the policy carries
 * the annotation {@code sparkgate.io/enforcement: strict}, so no tenant's Warn mode weakens it.
 */
public record CompiledValidatingPolicy(
    String name,
    boolean failClosed,
    ParamKind paramKind,
    MatchCriteria constraints,
    List<NamedExpression> matchConditions,
    List<NamedExpression> variables,
    List<CompiledValidation> validations,
    List<NamedExpression> auditAnnotations,
    boolean strict) {
  public static final String ENFORCEMENT_ANNOTATION = "sparkgate.io/enforcement";
}
