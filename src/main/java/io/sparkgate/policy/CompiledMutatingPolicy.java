package io.sparkgate.policy;

import java.util.List;

/**
 * A MutatingAdmissionPolicy with every expression compiled. {@code reinvokeIfNeeded} is
 * reinvocationPolicy IfNeeded.
 */
public record CompiledMutatingPolicy(
    String name, PolicyBasics basics, List<CompiledMutation> mutations, boolean reinvokeIfNeeded) implements CompiledPolicy {}
