package io.sparkgate.engine;

/** Which admission phase to run: one endpoint each, or both as the API server does. */
public enum Phase {
  MUTATE,
  VALIDATE,
  ALL
}
