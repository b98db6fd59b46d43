package io.sparkgate.decide;

import io.sparkgate.evaluate.PolicyDecision;
import io.sparkgate.policy.ValidationAction;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What one policy binding contributed to a decision, for the audit log, metrics, reports and
 * explanations. {@code actions} are what was done with it, none when nothing was; {@code
 * relief} is set when the binding would have denied and an exception or the tenant's Warn mode
 * made it a warning.
 */
public record PolicyResult(String policy, String binding, String param, Set<Action> actions, Outcome outcome,
    String message, DenialRelief relief) {

  public PolicyResult {
    actions = actions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(actions));
  }

  public PolicyResult(String policy, String binding, String param, Set<Action> actions, Outcome outcome,
      String message) {
    this(policy, binding, param, actions, outcome, message, null);
  }

  /** The actions as the audit log writes them: {@code none}, or e.g. {@code deny,audit}, in this order. */
  public String actionWireName() {
    if (actions.isEmpty()) {
      return "none";
    }
    StringJoiner joined = new StringJoiner(",");
    actions.forEach(action -> joined.add(action.wireName()));
    return joined.toString();
  }

  /** What was done with a finding. */
  public enum Action {
    DENY,
    WARN,
    AUDIT,
    /** A mutating binding changed the object. */
    PATCH;

    public static Action of(ValidationAction action) {
      return switch (action) {
        case DENY -> DENY;
        case WARN -> WARN;
        case AUDIT -> AUDIT;
      };
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return wireName();
    }
  }

  /**
   * How a binding came out: a validating binding's finding ({@link PolicyDecision.Outcome}), a
   * mutating binding's change, or a binding that did not apply to the request.
   */
  public enum Outcome {
    PASS("pass"),
    FAIL("fail"),
    ERROR("error"),
    MISCONFIGURED("misconfigured"),
    NOT_APPLICABLE("not-applicable"),
    MUTATED("mutated"),
    UNCHANGED("unchanged");

    private final String wireName;

    Outcome(String wireName) {
      this.wireName = wireName;
    }

    public static Outcome of(PolicyDecision.Outcome outcome) {
      return switch (outcome) {
        case PASS -> PASS;
        case FAIL -> FAIL;
        case ERROR -> ERROR;
        case MISCONFIGURED -> MISCONFIGURED;
      };
    }

    /** The text of the audit log, the metrics' {@code outcome} label and reports. */
    public String wireName() {
      return wireName;
    }

    @Override
    public String toString() {
      return wireName;
    }
  }
}
