package io.sparkgate.bench;

import java.util.List;
import java.util.Map;

/** A soak's samples and, for each watched series, whether it stayed flat. */
record SoakReport(double rate, List<SoakSample> samples, Map<SoakSeries, Flatness.Verdict> verdicts) {
  boolean flat() {
    return verdicts.values().stream().allMatch(Flatness.Verdict::flat);
  }
}
