package io.sparkgate.cel.library;

import dev.cel.common.exceptions.CelInvalidArgumentException;

/**
 * Builds the run-time errors of the library. CEL-Java turns a {@link CelInvalidArgumentException}
 * into an evaluation error that carries the message unchanged plus the expression position.
 */
final class KubeErrors {

  private KubeErrors() {}

  static CelInvalidArgumentException error(String message) {
    return new CelInvalidArgumentException(message);
  }

  static CelInvalidArgumentException error(String format, Object... args) {
    return new CelInvalidArgumentException(String.format(format, args));
  }
}
