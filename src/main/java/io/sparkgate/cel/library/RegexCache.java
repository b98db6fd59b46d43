package io.sparkgate.cel.library;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiled RE2 patterns by source text, bounded, so that a policy's constant pattern is compiled
 * once rather than on every evaluation. RE2 matches in linear time: no pattern can backtrack;
 * {@link RegexSizeGuard} refuses the patterns whose expanded program would not fit in memory.
 */
final class RegexCache {

  static final int DEFAULT_MAXIMUM_SIZE = 1_000;

  private final Cache<String, Pattern> patterns;

  RegexCache(int maximumSize) {
    this.patterns = CacheBuilder.newBuilder().maximumSize(maximumSize).build();
  }

  /**
   * @throws PatternSyntaxException with Go's wording, for example {@code error parsing regexp:
   *     missing closing ): `(`}
   */
  Pattern compile(String regex) {
    Pattern cached = patterns.getIfPresent(regex);
    if (cached != null) {
      return cached;
    }
    RegexSizeGuard.check(regex);
    Pattern compiled = Pattern.compile(regex);
    patterns.put(regex, compiled);
    return compiled;
  }

  long size() {
    return patterns.size();
  }
}
