package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Sparkgate's own checks of parameter objects, applied wherever an object enters a param store
 * (files and cluster alike). Kinds without checks pass. The loader and the cluster source know
 * parameter kinds only through this interface.
 */
public interface ParamChecks {
  /** One problem: the JSON pointer of the field, and a message that names the object and the field. */
  record Problem(String pointer, String message) {}

  /** Every problem of {@code object}, in field order; empty when it passes or its kind has no checks. */
  List<Problem> problems(JsonNode object);

  /** The message bindings that use {@code object} deny with, or null when it passes. */
  String denial(JsonNode object);

  /** The checks of every kind Sparkgate knows. */
  static ParamChecks standard() {
    return StandardParamChecks.INSTANCE;
  }
}
