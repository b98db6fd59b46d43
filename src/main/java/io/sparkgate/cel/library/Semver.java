package io.sparkgate.cel.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A semantic version (CEL type {@code kubernetes.Semver}) with the parsing rules and messages of
 * github.com/blang/semver, which Kubernetes uses. Build metadata is kept but ignored by
 * comparison and equality.
 */
public final class Semver implements Comparable<Semver> {

  private static final String NUMBERS = "0123456789";
  private static final String ALPHANUMERIC =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789";

  private final long major;
  private final long minor;
  private final long patch;
  private final List<PreRelease> preRelease;
  private final List<String> build;

  private Semver(long major, long minor, long patch, List<PreRelease> preRelease, List<String> build) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = List.copyOf(preRelease);
    this.build = List.copyOf(build);
  }

  /** One dot-separated pre-release identifier: numeric ones sort before alphanumeric ones. */
  private record PreRelease(String text, boolean numeric, long number) {}

  /**
   * Strict parsing: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}.
   *
   * @throws IllegalArgumentException with blang/semver's message
   */
  public static Semver parse(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("Version string empty");
    }
    String[] parts = s.split("\\.", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("No Major.Minor.Patch elements found");
    }
    long major = versionNumber(parts[0], "major number", "Major number");
    long minor = versionNumber(parts[1], "minor number", "Minor number");
    String patchText = parts[2];
    List<String> build = new ArrayList<>();
    int plus = patchText.indexOf('+');
    if (plus >= 0) {
      build.addAll(List.of(patchText.substring(plus + 1).split("\\.", -1)));
      patchText = patchText.substring(0, plus);
    }
    List<String> preReleaseTexts = new ArrayList<>();
    int dash = patchText.indexOf('-');
    if (dash >= 0) {
      preReleaseTexts.addAll(List.of(patchText.substring(dash + 1).split("\\.", -1)));
      patchText = patchText.substring(0, dash);
    }
    long patch = versionNumber(patchText, "patch number", "Patch number");
    List<PreRelease> preRelease = new ArrayList<>();
    for (String text : preReleaseTexts) {
      preRelease.add(preRelease(text));
    }
    for (String identifier : build) {
      if (identifier.isEmpty()) {
        throw new IllegalArgumentException("Build meta data is empty");
      }
      if (!containsOnly(identifier, ALPHANUMERIC)) {
        throw new IllegalArgumentException(
            "Invalid character(s) found in build meta data " + GoText.quote(identifier));
      }
    }
    return new Semver(major, minor, patch, preRelease, build);
  }

  /**
   * Kubernetes' lenient form: an optional leading 'v', leading zeros dropped, missing minor or
   * patch filled with 0 ({@code v1.02} is 1.2.0).
   */
  public static Semver parseNormalized(String s) {
    String text = s.startsWith("v") ? s.substring(1) : s;
    List<String> parts = new ArrayList<>(List.of(text.split("\\.", 3)));
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.length() > 1) {
        part = part.replaceFirst("^0+", "");
        if (part.isEmpty() || NUMBERS.indexOf(part.charAt(0)) < 0) {
          part = "0" + part;
        }
        parts.set(i, part);
      }
    }
    if (parts.size() < 3) {
      String last = parts.get(parts.size() - 1);
      if (last.contains("+") || last.contains("-")) {
        throw new IllegalArgumentException("short version cannot contain PreRelease/Build meta data");
      }
      while (parts.size() < 3) {
        parts.add("0");
      }
    }
    return parse(String.join(".", parts));
  }

  private static long versionNumber(String text, String name, String capitalizedName) {
    if (!containsOnly(text, NUMBERS)) {
      throw new IllegalArgumentException(
          "Invalid character(s) found in " + name + " " + GoText.quote(text));
    }
    if (text.length() > 1 && text.charAt(0) == '0') {
      throw new IllegalArgumentException(
          capitalizedName + " must not contain leading zeroes " + GoText.quote(text));
    }
    return parseUnsigned(text);
  }

  private static PreRelease preRelease(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("Prerelease is empty");
    }
    if (containsOnly(text, NUMBERS)) {
      if (text.length() > 1 && text.charAt(0) == '0') {
        throw new IllegalArgumentException(
            "Numeric PreRelease version must not contain leading zeroes " + GoText.quote(text));
      }
      return new PreRelease(text, true, parseUnsigned(text));
    }
    if (containsOnly(text, ALPHANUMERIC)) {
      return new PreRelease(text, false, 0);
    }
    throw new IllegalArgumentException(
        "Invalid character(s) found in prerelease " + GoText.quote(text));
  }

  /** Go's {@code strconv.ParseUint(s, 10, 64)}, with its messages. */
  private static long parseUnsigned(String text) {
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      String reason = text.isEmpty() ? "invalid syntax" : "value out of range";
      throw new IllegalArgumentException(
          "strconv.ParseUint: parsing " + GoText.quote(text) + ": " + reason);
    }
  }

  private static boolean containsOnly(String s, String allowed) {
    for (int i = 0; i < s.length(); i++) {
      if (allowed.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The major version; a component above 2^63-1 wraps as Kubernetes' int64 conversion does. */
  public long major() {
    return major;
  }

  public long minor() {
    return minor;
  }

  public long patch() {
    return patch;
  }

  @Override
  public int compareTo(Semver other) {
    int c = Long.compareUnsigned(major, other.major);
    if (c == 0) {
      c = Long.compareUnsigned(minor, other.minor);
    }
    if (c == 0) {
      c = Long.compareUnsigned(patch, other.patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // A release sorts after its pre-releases.
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    int common = Math.min(preRelease.size(), other.preRelease.size());
    for (int i = 0; i < common; i++) {
      int p = comparePreRelease(preRelease.get(i), other.preRelease.get(i));
      if (p != 0) {
        return p;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  private static int comparePreRelease(PreRelease a, PreRelease b) {
    if (a.numeric() && b.numeric()) {
      return Integer.signum(Long.compareUnsigned(a.number(), b.number()));
    }
    if (a.numeric() != b.numeric()) {
      return a.numeric() ? -1 : 1;
    }
    return Integer.signum(a.text().compareTo(b.text()));
  }

  public boolean isLessThan(Semver other) {
    return compareTo(other) < 0;
  }

  public boolean isGreaterThan(Semver other) {
    return compareTo(other) > 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Semver other && compareTo(other) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, preRelease);
  }

  @Override
  public String toString() {
    StringBuilder s =
        new StringBuilder()
            .append(Long.toUnsignedString(major)).append('.')
            .append(Long.toUnsignedString(minor)).append('.')
            .append(Long.toUnsignedString(patch));
    if (!preRelease.isEmpty()) {
      s.append('-').append(String.join(".", preRelease.stream().map(PreRelease::text).toList()));
    }
    if (!build.isEmpty()) {
      s.append('+').append(String.join(".", build));
    }
    return s.toString();
  }
}
