package io.sparkgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class FlatnessTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Flatness TEN_PERCENT = new Flatness(0.10, 0);

  /** One sample a minute for an hour, at minutes 1..60. */
  private static List<Flatness.Point> hourly(IntToDoubleFunction valueAtMinute) {
    List<Flatness.Point> points = new ArrayList<>();
    for (int minute = 1; minute <= 60; minute++) {
      points.add(new Flatness.Point(Duration.ofMinutes(minute), valueAtMinute.applyAsDouble(minute)));
    }
    return points;
  }

  @Test
  void aConstantSeriesIsFlat() {
    Flatness.Verdict verdict = TEN_PERCENT.judge(hourly(minute -> 80), HOUR);
    assertThat(verdict.flat()).isTrue();
    assertThat(verdict.earlyMean()).isEqualTo(80);
    assertThat(verdict.lateMean()).isEqualTo(80);
  }

  @Test
  void aSlowLeakIsNotFlat() {
    // 0.5 % a minute: minutes 5-15 average 110, minutes 50-60 average 137.5 (+25 %)
    Flatness.Verdict verdict = TEN_PERCENT.judge(hourly(minute -> 100 + 0.5 * 2 * minute), HOUR);
    assertThat(verdict.flat()).isFalse();
    assertThat(verdict.earlyMean()).isEqualTo(110);
    assertThat(verdict.lateMean()).isEqualTo(155);
  }

  @Test
  void warmUpBeforeMinuteFiveAndNoiseInsideTenPercentAreFlat() {
    Flatness.Verdict verdict = TEN_PERCENT.judge(hourly(minute -> minute < 5 ? 20 : minute % 2 == 0 ? 95 : 105), HOUR);
    assertThat(verdict.flat()).isTrue();
  }

  @Test
  void onlyTheTwoWindowsCount() {
    // a spike in the middle of the run, gone by minute 50
    Flatness.Verdict verdict = TEN_PERCENT.judge(hourly(minute -> minute > 20 && minute < 45 ? 500 : 100), HOUR);
    assertThat(verdict.flat()).isTrue();
  }

  @Test
  void aDropBeyondTenPercentIsNotFlatEither() {
    assertThat(TEN_PERCENT.judge(hourly(minute -> minute <= 15 ? 100 : 85), HOUR).flat()).isFalse();
  }

  @Test
  void theAbsoluteSlackCoversSeriesNearZero() {
    List<Flatness.Point> queue = hourly(minute -> minute <= 30 ? 0 : 3);
    assertThat(new Flatness(0.10, 50).judge(queue, HOUR).flat()).isTrue();
    assertThat(new Flatness(0.10, 0).judge(queue, HOUR).flat()).isFalse();
  }

  @Test
  void theWindowsScaleWithTheRunsLength() {
    // 20 s sampled every 2 s: early window 1.7-5 s (samples 2, 4), late 16.7-20 s (samples 18, 20)
    Duration length = Duration.ofSeconds(20);
    List<Flatness.Point> points = new ArrayList<>();
    for (int second = 2; second <= 20; second += 2) {
      points.add(new Flatness.Point(Duration.ofSeconds(second), second));
    }
    Flatness.Verdict verdict = new Flatness(0.10, 0).judge(points, length);
    assertThat(verdict.earlyMean()).isEqualTo(3);
    assertThat(verdict.lateMean()).isEqualTo(19);
    assertThat(verdict.flat()).isFalse();
  }

  @Test
  void tooFewSamplesAreNotCalledFlat() {
    List<Flatness.Point> one = List.of(new Flatness.Point(Duration.ofMinutes(30), 1));
    Flatness.Verdict verdict = TEN_PERCENT.judge(one, HOUR);
    assertThat(verdict.flat()).isFalse();
    assertThat(verdict.reason()).contains("too few samples");
  }

  @Test
  void missingValuesAreLeftOut() {
    List<Flatness.Point> points = hourly(minute -> minute == 55 ? Double.NaN : 10);
    assertThat(TEN_PERCENT.judge(points, HOUR).lateMean()).isEqualTo(10);
  }
}
