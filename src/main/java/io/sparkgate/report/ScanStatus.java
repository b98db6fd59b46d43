package io.sparkgate.report;

import io.sparkgate.decide.DenialRelief;
import io.sparkgate.decide.PolicyResult;
import java.util.Locale;

/**
 * What one policy says of one existing object, worst first: a policy with several bindings or
 * params reports its worst finding.
 */
public enum ScanStatus {
  FAIL, ERROR, WARN, WAIVED, PASS, SKIP;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public ScanStatus worst(ScanStatus other) {
    return other.ordinal() < ordinal() ? other : this;
  }

  /**
   * A binding's contribution as a report states it: denied is {@code fail}; a denial a
   * SparkPolicyException waives is {@code waived}; a violation only warned or audited (a tenant in
   * Warn mode included) is {@code warn}; an error a failurePolicy Ignore let pass is {@code error};
   * a binding whose match conditions excluded the object is {@code skip}.
   */
  public static ScanStatus of(PolicyResult result) {
    String action = result.action() == null ? "" : result.action();
    if (result.relief() != null && result.relief().source() == DenialRelief.Source.EXCEPTION) {
      return WAIVED;
    }
    if (action.contains("deny")) {
      return FAIL;
    }
    if (action.contains("warn") || action.contains("audit")) {
      return WARN;
    }
    return switch (result.outcome()) {
      case "error", "misconfigured" -> ERROR;
      case "not-applicable" -> SKIP;
      default -> PASS;
    };
  }
}
