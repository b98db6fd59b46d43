package io.sparkgate.suite;

import java.util.List;

/** The outcome of one case: passed, or the list of expectations it missed. */
public record CaseResult(String suite, String name, List<String> failures) {
  public boolean passed() {
    return failures.isEmpty();
  }

  public String line() {
    String label = suite + " > " + name;
    return passed() ? "PASS " + label : "FAIL " + label + ": " + String.join("; ", failures);
  }
}
