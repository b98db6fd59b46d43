package io.sparkgate.evaluate;

import io.sparkgate.cel.CelNulls;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Every text a user reads about a policy decision, composed in one place. */
public final class Messages {
  /** cel-go's error when one expression passes {@link CostLimits#PER_EXPRESSION}. */
  public static final String COST_LIMIT_EXCEEDED = "operation cancelled: actual cost limit exceeded";
  /** Kubernetes' error when a binding's stage runs out of its cost budget. */
  public static final String OUT_OF_BUDGET =
      "validation failed due to running out of cost budget, no further validation rules will be run";

  private Messages() {}

  /** The validations' decisions once the messageExpressions ran out of the binding's budget. */
  public static String failedMessageExpression(String error) {
    return "failed messageExpression: " + error;
  }

  /** An evaluation the wall-clock safety net stopped. */
  public static String deadlineExceeded(long limitMillis) {
    return "operation cancelled: evaluation exceeded the request's deadline of " + limitMillis + " ms";
  }

  /** An evaluation the value-size guard stopped; {@code what} describes the value. */
  public static String valueTooLarge(String what) {
    return "operation cancelled: the evaluation built " + what;
  }

  public static String expressionError(String expression, String error) {
    return "expression '" + expression + "' resulted in error: " + error;
  }

  public static String denial(String policy, String binding, String message) {
    return "ValidatingAdmissionPolicy '" + policy + "' with binding '" + binding + "' denied request: " + message;
  }

  public static String warning(String policy, String binding, String message) {
    return "Validation failed for ValidatingAdmissionPolicy '" + policy + "' with binding '" + binding + "': " + message;
  }

  /** A violation an active SparkPolicyException waives: allowed, with this warning. */
  public static String waived(String policy, String binding, String exception, Instant expires, String message) {
    return "ValidatingAdmissionPolicy '" + policy + "' with binding '" + binding + "' would deny request, waived by "
        + "SparkPolicyException " + exception + " until " + expires + ": " + message;
  }

  /** A violation a tenant's Warn mode lets through: allowed, with this warning. */
  public static String warnMode(String policy, String binding, String tenant, String message) {
    return "ValidatingAdmissionPolicy '" + policy + "' with binding '" + binding + "' would deny request ("
        + tenant + " enforces it in Warn mode): " + message;
  }

  /** A mutating policy's error under failurePolicy Fail, as Kubernetes' policy dispatcher writes it. */
  public static String policyDenial(String policy, String binding, String message) {
    return "policy '" + policy + "' with binding '" + binding + "' denied request: " + message;
  }

  /** CEL's name for the type of a value, as error texts print it. */
  public static String typeName(Object value) {
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long) {
      return "int";
    }
    if (value instanceof Double) {
      return "double";
    }
    if (value instanceof String) {
      return "string";
    }
    if (CelNulls.isNull(value)) {
      return "null_type";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof Map) {
      return "map";
    }
    return value.getClass().getSimpleName();
  }
}
