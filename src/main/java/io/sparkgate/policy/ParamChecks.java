package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sparkgate's own checks of parameter objects, by kind, applied wherever an object enters a param
 * store (files and cluster alike). Kinds without checks pass; today only {@code SparkTenant} has
 * them ({@link SparkTenantValidator}).
 */
public final class ParamChecks {
  private ParamChecks() {}

  /** The message bindings that use {@code object} deny with, or null when it passes. */
  public static String problem(JsonNode object) {
    if (SparkTenantValidator.isTenant(object)) {
      return SparkTenantValidator.problemMessage(object);
    }
    return null;
  }
}
