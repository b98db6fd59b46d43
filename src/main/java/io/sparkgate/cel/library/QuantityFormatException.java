package io.sparkgate.cel.library;

/** A string is not a Kubernetes quantity; the message is Kubernetes' own where it has one. */
public final class QuantityFormatException extends IllegalArgumentException {

  QuantityFormatException(String message) {
    super(message);
  }
}
