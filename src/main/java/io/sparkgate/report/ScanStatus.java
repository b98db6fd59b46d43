package io.sparkgate.report;

import io.sparkgate.decide.DenialRelief;
import io.sparkgate.decide.PolicyResult;
import io.sparkgate.decide.PolicyResult.Action;
import java.util.Locale;
import java.util.Set;

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
    Set<Action> actions = result.actions();
    if (result.relief() != null && result.relief().source() == DenialRelief.Source.EXCEPTION) {
      return WAIVED;
    }
    if (actions.contains(Action.DENY)) {
      return FAIL;
    }
    if (actions.contains(Action.WARN) || actions.contains(Action.AUDIT)) {
      return WARN;
    }
    return switch (result.outcome()) {
      case ERROR, MISCONFIGURED -> ERROR;
      case NOT_APPLICABLE -> SKIP;
      case PASS, FAIL, MUTATED, UNCHANGED -> PASS;
    };
  }
}
