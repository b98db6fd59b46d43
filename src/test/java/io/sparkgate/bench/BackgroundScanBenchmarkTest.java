package io.sparkgate.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Runs {@link BackgroundScanBenchmark} when asked for: {@code -Dsparkgate.bench=true} (about 2 minutes). */
@EnabledIfSystemProperty(named = "sparkgate.bench", matches = "true")
class BackgroundScanBenchmarkTest {
  @Test
  void printsTheScanRateAndTheAdmissionLatencyDuringAScan() throws Exception {
    BackgroundScanBenchmark.run(Integer.getInteger("sparkgate.bench.objects", 10_000),
        Double.parseDouble(System.getProperty("sparkgate.bench.rate", "300")),
        Long.getLong("sparkgate.bench.seconds", 20) * 1000L);
  }
}
