package io.sparkgate.cel.library;

/** The run-time value of the CEL variable {@code authorizer}, as the engine carries it to each evaluation. */
public sealed interface Authorizer permits UnavailableAuthorizer {}
