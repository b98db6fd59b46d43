package io.sparkgate.policy;

/** A compiled expression with a name: a variable, a matchCondition or an audit annotation key. */
public record NamedExpression(String name, CompiledExpression expression) {}
