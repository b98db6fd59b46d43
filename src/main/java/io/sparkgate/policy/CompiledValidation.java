package io.sparkgate.policy;

/** One entry of a policy's validations: the rule, its message and the status it denies with. */
public record CompiledValidation(
    int index,
    CompiledExpression expression,
    String message,
    CompiledExpression messageExpression,
    DenialReason reason) {}
