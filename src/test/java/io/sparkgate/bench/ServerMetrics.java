package io.sparkgate.bench;

import java.util.ArrayList;
import java.util.List;

/** The server's own latency histogram and heap, read from its Prometheus text. */
record ServerMetrics(List<double[]> durationBuckets, double heapUsedBytes) {
  private static final String BUCKET = "sparkgate_admission_duration_seconds_bucket{le=\"";

  static ServerMetrics parse(String text) {
    List<double[]> buckets = new ArrayList<>();
    double heap = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(BUCKET)) {
        int close = line.indexOf('"', BUCKET.length());
        String bound = line.substring(BUCKET.length(), close);
        double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
        double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        buckets.add(new double[] {upper, count});
      } else if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    buckets.sort((a, b) -> Double.compare(a[0], b[0]));
    return new ServerMetrics(buckets, heap);
  }

  /** The percentile of requests answered between two scrapes, interpolated inside its bucket. */
  static double percentileSeconds(ServerMetrics before, ServerMetrics after, double percentile) {
    int size = Math.min(before.durationBuckets.size(), after.durationBuckets.size());
    double total = after.durationBuckets.get(size - 1)[1] - before.durationBuckets.get(size - 1)[1];
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = total * percentile / 100.0;
    double lowerBound = 0;
    double lowerCount = 0;
    for (int i = 0; i < size; i++) {
      double upper = after.durationBuckets.get(i)[0];
      double count = after.durationBuckets.get(i)[1] - before.durationBuckets.get(i)[1];
      if (count >= rank) {
        if (Double.isInfinite(upper)) {
          return lowerBound;
        }
        double inBucket = count - lowerCount;
        return inBucket <= 0 ? upper : lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = upper;
      lowerCount = count;
    }
    return lowerBound;
  }
}
