package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;
import java.util.Set;

/**
 * A ValidatingAdmissionPolicyBinding with its policy resolved and its validationActions. {@code
 * matchResources} is null when the binding narrows nothing; {@code paramRef} is null when it has
 * none.
 */
public record CompiledValidatingBinding(
    String name,
    CompiledValidatingPolicy policy,
    MatchCriteria matchResources,
    ParamReference paramRef,
    Set<ValidationAction> actions) implements CompiledPolicyBinding {}
