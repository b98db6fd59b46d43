package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.spark.SparkTenantValidator;
import java.util.List;

/** The param checks of the kinds Sparkgate knows: today only {@code sparkgate.io/v1 SparkTenant}. */
final class StandardParamChecks implements ParamChecks {
  static final StandardParamChecks INSTANCE = new StandardParamChecks();

  private StandardParamChecks() {}

  @Override
  public List<Problem> problems(JsonNode object) {
    if (!SparkTenantValidator.isTenant(object)) {
      return List.of();
    }
    String tenant = SparkTenantValidator.describe(object);
    return SparkTenantValidator.check(object).stream()
        .map(problem -> new Problem(problem.pointer(), tenant + ": " + problem.message()))
        .toList();
  }

  @Override
  public String denial(JsonNode object) {
    return SparkTenantValidator.isTenant(object) ? SparkTenantValidator.problemMessage(object) : null;
  }
}
