package io.sparkgate.cel.library;

/**
 * The run-time value of {@code authorizer}. Sparkgate has no connection to a cluster to ask, so
 * every authorization call fails with {@link #MESSAGE} instead of pretending to allow or deny.
 */
public final class UnavailableAuthorizer implements Authorizer {

  public static final String MESSAGE =
      "authorizer is not supported by Sparkgate without a cluster connection";

  static final UnavailableAuthorizer INSTANCE = new UnavailableAuthorizer();

  private UnavailableAuthorizer() {}

  @Override
  public String toString() {
    return "authorizer (unavailable)";
  }
}
