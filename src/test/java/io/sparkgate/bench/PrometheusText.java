package io.sparkgate.bench;

/** Reads sample values out of a Prometheus text exposition. */
final class PrometheusText {
  private final String text;

  PrometheusText(String text) {
    this.text = text;
  }

  /** The sum of every sample of {@code name} whose labels contain {@code labelPart} (NaN if none). */
  double sum(String name, String labelPart) {
    double total = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      char after = line.length() > name.length() ? line.charAt(name.length()) : ' ';
      if ((after != '{' && after != ' ') || !line.contains(labelPart)) {
        continue;
      }
      total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      found = true;
    }
    return found ? total : Double.NaN;
  }

  double value(String name) {
    return sum(name, "");
  }
}
