package io.sparkgate.bench;

import org.HdrHistogram.Histogram;

/** What one load run measured on the client side. */
record LoadResult(long requests, long errors, double seconds, Histogram latencyNanos) {
  double throughput() {
    return requests / seconds;
  }

  double percentileMillis(double percentile) {
    return latencyNanos.getValueAtPercentile(percentile) / 1e6;
  }

  double maxMillis() {
    return latencyNanos.getMaxValue() / 1e6;
  }
}
