package io.sparkgate.evaluate;

/** The value of one evaluation, or the error it ended in (Kubernetes wording, no CEL-Java prefix). */
public record ExpressionResult(Object value, String error) {
  public static ExpressionResult of(Object value) {
    return new ExpressionResult(value, null);
  }

  public static ExpressionResult failed(String error) {
    return new ExpressionResult(null, error);
  }

  public boolean failed() {
    return error != null;
  }
}
