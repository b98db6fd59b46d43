package io.sparkgate.images;

/** One vulnerability a scan found: its id (e.g. {@code CVE-2024-1234}) and severity. */
public record Finding(String id, Severity severity) implements Comparable<Finding> {
  @Override
  public int compareTo(Finding other) {
    int byId = id.compareTo(other.id);
    return byId != 0 ? byId : severity.compareTo(other.severity);
  }
}
