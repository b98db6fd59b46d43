package io.sparkgate.evaluate;

/**
 * The value of one evaluation, or the error it ended in (Kubernetes wording, no CEL-Java prefix),
 * and the cost units it spent (not counting the variables it evaluated first).
 */
public record ExpressionResult(Object value, String error, long cost) {
  public static ExpressionResult of(Object value) {
    return new ExpressionResult(value, null, 0);
  }

  public static ExpressionResult failed(String error) {
    return new ExpressionResult(null, error, 0);
  }

  public ExpressionResult withCost(long units) {
    return new ExpressionResult(value, error, units);
  }

  public boolean failed() {
    return error != null;
  }
}
