package io.sparkgate.policy;

/** What a binding does with a failed validation. */
public enum ValidationAction {
  DENY("Deny"),
  WARN("Warn"),
  AUDIT("Audit");

  private final String text;

  ValidationAction(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  public static ValidationAction parse(String text) {
    for (ValidationAction action : values()) {
      if (action.text.equals(text)) {
        return action;
      }
    }
    return null;
  }
}
