package io.sparkgate.spark;

/** What a tenant asks for a violation: deny it (the default) or only warn. */
public enum EnforcementMode {
  DENY("Deny"),
  WARN("Warn");

  private final String text;

  EnforcementMode(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The mode of that spelling, or null. */
  public static EnforcementMode parse(String text) {
    for (EnforcementMode mode : values()) {
      if (mode.text.equals(text)) {
        return mode;
      }
    }
    return null;
  }
}
