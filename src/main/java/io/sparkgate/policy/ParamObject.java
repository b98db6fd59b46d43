package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parameter object as a policy binding finds it. {@code problem} is null for an object that
 * passed Sparkgate's own checks ({@link ParamChecks}); otherwise it is the message every binding
 * that uses the object denies with, for example
 * {@code SparkTenant team-alpha/tenant: spec.limits.driver.maxMemory "lots" is not a memory size: ...}.
 */
public record ParamObject(JsonNode object, String name, String problem) {

  /** Checks {@code object} once, when it enters a store. */
  public static ParamObject of(JsonNode object, ParamChecks checks) {
    return new ParamObject(object, object.path("metadata").path("name").asText(""), checks.denial(object));
  }
}
