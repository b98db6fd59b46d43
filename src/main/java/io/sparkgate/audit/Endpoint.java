package io.sparkgate.audit;

/** Which webhook endpoint produced the decision. */
public enum Endpoint {
  VALIDATE("validate"),
  MUTATE("mutate");

  private final String wireName;

  Endpoint(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Endpoint fromWireName(String name) {
    for (Endpoint e : values()) {
      if (e.wireName.equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown endpoint: " + name);
  }
}
