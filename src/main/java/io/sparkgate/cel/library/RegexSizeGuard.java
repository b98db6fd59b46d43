package io.sparkgate.cel.library;

import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Refuses patterns whose counted repetitions expand to a huge program, such as
 * {@code ((a{1000}){1000}){1000}}: RE2 matches in linear time, but re2j builds the expanded
 * program first and would exhaust the heap, where Go's regexp answers "expression too large".
 * The estimate counts every literal, class or escape once per enclosing repetition.
 */
final class RegexSizeGuard {

  static final long MAX_EXPANDED_SIZE = 100_000;

  private RegexSizeGuard() {}

  static void check(String regex) {
    if (expandedSize(regex) > MAX_EXPANDED_SIZE) {
      throw new PatternSyntaxException("expression too large", regex);
    }
  }

  static long expandedSize(String regex) {
    Deque<long[]> groups = new ArrayDeque<>(); // size of each open group
    groups.push(new long[] {0});
    long lastAtom = 0;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      switch (c) {
        case '(' -> {
          groups.push(new long[] {0});
          lastAtom = 0;
          i++;
          continue;
        }
        case ')' -> {
          long size = groups.size() > 1 ? groups.pop()[0] : 0;
          groups.peek()[0] = saturatedAdd(groups.peek()[0], size);
          lastAtom = size;
          i++;
          continue;
        }
        case '{' -> {
          int close = regex.indexOf('}', i);
          long count = close < 0 ? -1 : repeatCount(regex.substring(i + 1, close));
          if (count >= 0) {
            long extra = saturatedMultiply(lastAtom, Math.max(count - 1, 0));
            groups.peek()[0] = saturatedAdd(groups.peek()[0], extra);
            lastAtom = saturatedMultiply(lastAtom, Math.max(count, 1));
            i = close + 1;
            continue;
          }
          i = atomEnd(regex, i);
        }
        case '*', '+', '?', '|', '^', '$' -> {
          i++;
          continue;
        }
        default -> i = atomEnd(regex, i);
      }
      lastAtom = 1;
      groups.peek()[0] = saturatedAdd(groups.peek()[0], 1);
    }
    long total = 0;
    for (long[] group : groups) {
      total = saturatedAdd(total, group[0]);
    }
    return total;
  }

  /** The index after the atom starting at {@code i}: a character, an escape or a class. */
  private static int atomEnd(String regex, int i) {
    char c = regex.charAt(i);
    if (c == '\\') {
      return Math.min(regex.length(), i + 2);
    }
    if (c == '[') {
      int j = i + 1;
      if (j < regex.length() && regex.charAt(j) == '^') {
        j++;
      }
      if (j < regex.length() && regex.charAt(j) == ']') {
        j++;
      }
      while (j < regex.length() && regex.charAt(j) != ']') {
        j += regex.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(regex.length(), j + 1);
    }
    return i + 1;
  }

  /** The larger bound of "n", "n," or "n,m"; -1 when the braces are not a repetition. */
  private static long repeatCount(String body) {
    String[] bounds = body.split(",", -1);
    if (bounds.length > 2 || bounds[0].isEmpty()) {
      return -1;
    }
    try {
      long min = Long.parseLong(bounds[0]);
      long max = bounds.length == 2 && !bounds[1].isEmpty() ? Long.parseLong(bounds[1]) : min;
      return Math.max(min, max);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static long saturatedMultiply(long a, long b) {
    return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
  }
}
