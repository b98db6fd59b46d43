package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.spark.SparkPolicyException;
import io.sparkgate.spark.SparkTenantValidator;
import io.sparkgate.spark.TenantEnforcement;

/**
 * A parameter object as a policy binding finds it. {@code problem} is null for an object that
 * passed Sparkgate's own checks ({@link ParamChecks}); otherwise it is the message every binding
 * that uses the object denies with, for example
 * {@code SparkTenant team-alpha/tenant: spec.limits.driver.maxMemory "lots" is not a memory size: ...}.
 * Sparkgate's own kinds are read once, here: {@code exception} for a SparkPolicyException,
 * {@code enforcement} for a SparkTenant (both null for other kinds).
 */
public record ParamObject(JsonNode object, String name, String problem, SparkPolicyException exception,
    TenantEnforcement enforcement) {

  public ParamObject(JsonNode object, String name, String problem) {
    this(object, name, problem, null, null);
  }

  /** Checks {@code object} once, when it enters a store. */
  public static ParamObject of(JsonNode object, ParamChecks checks) {
    SparkPolicyException exception = SparkPolicyException.isException(object) ? SparkPolicyException.read(object) : null;
    TenantEnforcement enforcement = SparkTenantValidator.isTenant(object)
        ? TenantEnforcement.of(object.get("spec")) : null;
    String problem = exception != null
        ? (exception.valid() ? null : exception.problemMessage())
        : checks.denial(object);
    return new ParamObject(object, object.path("metadata").path("name").asText(""), problem, exception,
        problem == null ? enforcement : TenantEnforcement.STRICT);
  }

  /** With the standard checks. */
  public static ParamObject of(JsonNode object) {
    return of(object, ParamChecks.standard());
  }
}
