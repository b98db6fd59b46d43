package io.sparkgate.policy;

import io.sparkgate.match.MatchCriteria;

/**
 * A MutatingAdmissionPolicyBinding with its policy resolved. {@code matchResources} is null when
 * the binding narrows nothing; {@code paramRef} is null when it has none.
 */
public record CompiledMutatingBinding(
    String name, CompiledMutatingPolicy policy, MatchCriteria matchResources, ParamReference paramRef)
    implements CompiledPolicyBinding {}
