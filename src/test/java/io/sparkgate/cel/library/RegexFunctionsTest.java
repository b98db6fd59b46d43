package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RegexFunctionsTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @Test
  void findReturnsTheLeftmostMatchOrEmpty() {
    assertThat(cel.eval("'abc 123'.find('[0-9]+')")).isEqualTo("123");
    assertThat(cel.eval("'abc'.find('[0-9]+')")).isEqualTo("");
    assertThat(cel.eval("'aaa'.find('a|aa')")).isEqualTo("a"); // leftmost-first, as Go
  }

  @Test
  void findAllReturnsEveryMatchUpToTheLimit() {
    assertThat(cel.eval("'123 abc 456'.findAll('[0-9]+')")).isEqualTo(List.of("123", "456"));
    assertThat(cel.eval("'123 abc 456'.findAll('[0-9]+', 1)")).isEqualTo(List.of("123"));
    assertThat(cel.eval("'123 abc 456'.findAll('[0-9]+', 0)")).isEqualTo(List.of());
    assertThat(cel.eval("'123 abc 456'.findAll('[0-9]+', -1)")).isEqualTo(List.of("123", "456"));
    assertThat(cel.eval("'abc'.findAll('x')")).isEqualTo(List.of());
  }

  @Test
  void emptyMatchesFollowGo() {
    // As Go's FindAllString: the empty match right after "aaa" is dropped.
    assertThat(cel.eval("'baaab'.findAll('a*')")).isEqualTo(List.of("", "aaa", ""));
    assertThat(cel.eval("'aaa'.findAll('^a')")).isEqualTo(List.of("a"));
    assertThat(cel.eval("'héllo'.findAll('')")).isEqualTo(List.of("", "", "", "", "", ""));
  }

  @Test
  void invalidPatternsAreErrorsWithGoWording() {
    assertThat(cel.error("'abc'.find('(')"))
        .contains("Illegal regex: error parsing regexp: missing closing ): `(`");
    assertThat(cel.error("'abc'.findAll('[a-')")).contains("Illegal regex: error parsing regexp:");
  }

  @Test
  @Timeout(10)
  void catastrophicBacktrackingShapesRunInLinearTime() {
    String hostile = "a".repeat(100_000) + "!";
    long start = System.nanoTime();
    assertThat(cel.eval("x.find('^(a+)+$')", Map.of("x", hostile))).isEqualTo("");
    assertThat(cel.eval("x.findAll('(a|aa)+b')", Map.of("x", hostile))).isEqualTo(List.of());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @Timeout(10)
  void patternsThatExpandToHugeProgramsAreRefused() {
    assertThat(cel.error("'aaa'.find('((a{1000}){1000}){1000}')"))
        .contains("Illegal regex: error parsing regexp: expression too large");
    assertThat(cel.error("'aaa'.find('(((a{100}){100}){100})')")).contains("expression too large");
    assertThat(cel.eval("'aaa'.find('a{2,1000}')")).isEqualTo("aaa");
    assertThat(cel.eval("'x-y'.find('([a-z][-a-z0-9]*){1,63}')")).isEqualTo("x-y");
    assertThat(RegexSizeGuard.expandedSize("(ab){3}c")).isEqualTo(7);
    assertThat(RegexSizeGuard.expandedSize("[{}]{2}\\{")).isEqualTo(3);
  }

  @Test
  void constantPatternsAreCompiledOnce() {
    RegexCache cache = new RegexCache(2);
    RegexFunctions functions = new RegexFunctions(cache);
    for (int i = 0; i < 100; i++) {
      functions.find("abc" + i, "[0-9]+");
    }
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.compile("[0-9]+")).isSameAs(cache.compile("[0-9]+"));
    functions.find("x", "a");
    functions.find("x", "b");
    functions.find("x", "c");
    assertThat(cache.size()).isLessThanOrEqualTo(2); // bounded
  }

  @Test
  void matchesIsUnanchoredInBothForms() {
    assertThat(cel.eval("'abc-123'.matches('[0-9]+')")).isEqualTo(true);
    assertThat(cel.eval("matches('abc-123', '^[a-z]+$')")).isEqualTo(false);
    assertThat(cel.eval("'abc'.matches('^abc$')")).isEqualTo(true);
    assertThat(cel.eval("'ABC'.matches('(?i)abc')")).isEqualTo(true);
  }

  @Test
  void matchesReportsBadAndHugePatterns() {
    assertThat(cel.error("'abc'.matches('(')")).contains("error parsing regexp: missing closing ): `(`");
    assertThat(cel.error("'aaa'.matches('((a{1000}){1000}){1000}')")).contains("expression too large");
  }

  @Test
  void matchesCompilesEachPatternOnce() throws Exception {
    RegexCache cache = new RegexCache(10);
    CachedMatchesFunction matches = new CachedMatchesFunction(cache);
    for (int i = 0; i < 100; i++) {
      assertThat(matches.matches("spark-" + i, "^spark-[0-9]+$")).isTrue();
    }
    assertThat(matches.matches("other", "^spark-[0-9]+$")).isFalse();
    assertThat(cache.size()).isEqualTo(1);
  }
}
