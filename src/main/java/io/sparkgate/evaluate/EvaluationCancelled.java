package io.sparkgate.evaluate;

/**
 * Ends an evaluation at once. CEL-Java ignores thread interrupts and turns a RuntimeException
 * thrown from its evaluation listener into a CEL error value that evaluation carries on with; an
 * {@link Error} is the one way out. {@link ExpressionRunner} turns it into the expression's error.
 */
final class EvaluationCancelled extends Error {
  private static final long serialVersionUID = 1L;

  EvaluationCancelled(String message) {
    super(message, null, false, false);
  }
}
