package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameGlobTest {
  @ParameterizedTest
  @CsvSource({
      "backfill-*, backfill-q4, true",
      "backfill-*, backfill-, true",
      "backfill-*, backfill, false",
      "backfill-*, xbackfill-q4, false",
      "*-nightly, etl-nightly, true",
      "*-nightly, etl-nightly-2, false",
      "etl-?, etl-1, true",
      "etl-?, etl-12, false",
      "*a*b*c, aXbYc, true",
      "*a*b*c, aXcYb, false",
      "a**b, ab, true",
      "*, anything, true",
      "exact, exact, true",
      "exact, exactly, false",
  })
  void starAndQuestionMarkMatchAsDocumented(String glob, String name, boolean matches) {
    assertThat(new NameGlob(glob).matches(name)).isEqualTo(matches);
  }

  @Test
  void aLongNameWithManyStarsIsMatchedWithoutBlowingUp() {
    String name = "a".repeat(253);
    assertThat(new NameGlob("*a*a*a*a*a*a*a*a*a*a*b").matches(name)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"Backfill-*", "backfill_*", "-backfill*", "*backfill.", "back fill"})
  void globsNoKubernetesNameCanMatchAreReported(String glob) {
    assertThat(new NameGlob(glob).neverMatchesBecause()).isNotNull();
  }

  @ParameterizedTest
  @CsvSource({"backfill-*", "*", "etl-?", "a.b-*"})
  void globsThatCanMatchAreNotReported(String glob) {
    assertThat(new NameGlob(glob).neverMatchesBecause()).isNull();
  }
}
