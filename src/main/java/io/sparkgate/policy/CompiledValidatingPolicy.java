package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;
import java.util.List;

/** A ValidatingAdmissionPolicy with every expression compiled. */
public record CompiledValidatingPolicy(
    String name,
    boolean failClosed,
    ParamKind paramKind,
    MatchCriteria constraints,
    List<NamedExpression> matchConditions,
    List<NamedExpression> variables,
    List<CompiledValidation> validations,
    List<NamedExpression> auditAnnotations) {}
