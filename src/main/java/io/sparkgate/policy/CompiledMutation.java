package io.sparkgate.policy;

/** One entry of a MutatingAdmissionPolicy's {@code mutations}, compiled. */
public record CompiledMutation(int index, PatchType patchType, CompiledExpression expression) {
  /** How the expression's value changes the object. */
  public enum PatchType {
    JSON_PATCH("JSONPatch"),
    APPLY_CONFIGURATION("ApplyConfiguration");

    private final String text;

    PatchType(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }
}
