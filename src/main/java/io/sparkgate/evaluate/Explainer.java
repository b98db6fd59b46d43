package io.sparkgate.evaluate;

/**
 * Receives what the engine considered and why, for {@code eval --explain}. The server uses
 * {@link #NONE}, which costs nothing.
 */
public interface Explainer {
  Explainer NONE = new Explainer() {};

  default boolean enabled() {
    return false;
  }

  /** A binding was considered; {@code matched} says whether it applies and {@code why}. */
  default void binding(String policy, String binding, boolean matched, String why) {}

  /** An expression was evaluated. {@code role} is e.g. "validations[0]" or "matchConditions[x]". */
  default void expression(String role, String source, ExpressionResult result) {}

  /** A SparkPolicyException was considered for a violation of {@code policy}; {@code why} it applies or not. */
  default void exception(String exception, String policy, boolean applied, String why) {}
}
