package io.sparkgate.cli;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.AdmissionEngine;

/** The engine and CEL environment every command builds the same way. */
final class Engines {
  static final int MAX_NESTING = 100;

  private Engines() {}

  static CelEnvironment celEnvironment() {
    return CelEnvironment.standard();
  }

  static AdmissionEngine engine() {
    return new AdmissionEngine(AdmissionEngine.DEFAULT_BUDGET_NANOS, CelEnvironment.unsupportedAuthorizer());
  }
}
