package io.sparkgate.spark;

/**
 * A name pattern of a SparkPolicyException: {@code *} stands for any run of characters (also
 * none), {@code ?} for exactly one; every other character stands for itself. Checked once when the
 * exception is read; matching walks the name once with backtracking only to the last {@code *}.
 */
public record NameGlob(String text) {
  /** Spark application names are Kubernetes object names: DNS subdomains of at most 253 characters. */
  private static final int MAX_NAME_LENGTH = 253;
  private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-.";

  public boolean matches(String name) {
    int p = 0;
    int n = 0;
    int star = -1;
    int resume = 0;
    while (n < name.length()) {
      if (p < text.length() && (text.charAt(p) == '?' || text.charAt(p) == name.charAt(n))) {
        p++;
        n++;
      } else if (p < text.length() && text.charAt(p) == '*') {
        star = p++;
        resume = n;
      } else if (star >= 0) {
        p = star + 1;
        n = ++resume;
      } else {
        return false;
      }
    }
    while (p < text.length() && text.charAt(p) == '*') {
      p++;
    }
    return p == text.length();
  }

  /**
   * Why no valid Spark application name can match, or null when one can: a character no
   * Kubernetes name has (upper case, {@code _}, a space), a name starting or ending with
   * {@code -} or {@code .}, or more fixed characters than a name may have.
   */
  public String neverMatchesBecause() {
    int fixed = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        continue;
      }
      fixed++;
      if (c != '?' && NAME_CHARACTERS.indexOf(c) < 0) {
        return "'" + c + "' is not in any Kubernetes object name (lower-case letters, digits, '-' and '.')";
      }
    }
    if (fixed > MAX_NAME_LENGTH) {
      return "it needs " + fixed + " characters, over the " + MAX_NAME_LENGTH + " of a Kubernetes object name";
    }
    if (!text.isEmpty() && "-.".indexOf(text.charAt(0)) >= 0) {
      return "Kubernetes object names start with a letter or digit";
    }
    if (!text.isEmpty() && "-.".indexOf(text.charAt(text.length() - 1)) >= 0) {
      return "Kubernetes object names end with a letter or digit";
    }
    return null;
  }

  @Override
  public String toString() {
    return text;
  }
}
