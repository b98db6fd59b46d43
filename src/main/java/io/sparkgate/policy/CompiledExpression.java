package io.sparkgate.policy;

import dev.cel.runtime.CelRuntime;
import io.sparkgate.policy.source.SourcePosition;

/**
 * A CEL expression compiled once at load. When it does not compile, {@code program} is null and
 * {@code compileError} says why; evaluating it is then an error that follows failurePolicy.
 */
public record CompiledExpression(
    String source, CelRuntime.Program program, String compileError, SourcePosition position) {

  public boolean compiled() {
    return program != null;
  }
}
