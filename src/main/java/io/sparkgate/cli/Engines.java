package io.sparkgate.cli;

import io.sparkgate.cel.CelEnvironment;

/** The CEL environment every command builds the same way. */
final class Engines {
  private Engines() {}

  static CelEnvironment celEnvironment() {
    return CelEnvironment.standard();
  }
}
