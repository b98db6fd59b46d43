package io.sparkgate.spark;

/**
 * A value in a Spark object or a Spark function argument that Sparkgate cannot read as Spark
 * would. The message is complete and names the function, the field and the value.
 */
public class SparkValueException extends IllegalArgumentException {

  public SparkValueException(String message) {
    super(message);
  }
}
