package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;
import java.util.List;

/**
 * What validating and mutating policies share: failurePolicy, paramKind (null without),
 * matchConstraints, matchConditions and variables.
 */
public record PolicyBasics(
    boolean failClosed,
    ParamKind paramKind,
    MatchCriteria constraints,
    List<NamedExpression> matchConditions,
    List<NamedExpression> variables) {}
