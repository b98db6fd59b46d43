package io.sparkgate.server;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.audit.RunCost;
import java.util.Map;

/**
 * For the audit record and the cost counter: the estimate of an admitted Spark application CREATE,
 * as the pack's policy {@value #POLICY} priced it (its audit annotations), so that what is recorded
 * is what the cost guard decided on. Null when the policy did not price the request (no tenant in
 * the namespace, another kind or operation, or the policy is not installed).
 */
final class RunCostOf {
  static final String POLICY = "sparkgate.io.spark-cost-record";

  private RunCostOf() {}

  static RunCost admitted(AdmissionRequest request, AdmissionResponse response) {
    if (!response.allowed() || !"CREATE".equals(request.operation())) {
      return null;
    }
    Map<String, String> annotations = response.auditAnnotations();
    String currency = annotations.get(key("currency"));
    if (currency == null) {
      return null;
    }
    String micros = annotations.get(key("per-run-micros"));
    String unbounded = annotations.get(key("unbounded"));
    Long perRun = micros == null ? null : wholeNumber(micros);
    if (perRun == null && unbounded == null) {
      // several tenants of the namespace price it differently (values joined by ", "), or the
      // estimate failed and the policy, failing open, left it out
      unbounded = micros == null
          ? "the application could not be estimated (see the cost policies' errors)"
          : "the namespace's SparkTenants give different estimates: " + micros;
    }
    return new RunCost(
        annotations.get(key("team")),
        annotations.get(key("cost-center")),
        currency,
        perRun,
        perRun == null ? unbounded : null,
        wholeNumber(annotations.get(key("runs-per-month"))),
        annotations.get(key("schedule")),
        annotations.get(key("time-zone")),
        annotations.get(key("scheduled-by")));
  }

  private static String key(String annotation) {
    return POLICY + "/" + annotation;
  }

  private static Long wholeNumber(String text) {
    if (text == null) {
      return null;
    }
    try {
      long value = Long.parseLong(text);
      return value < 0 ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
