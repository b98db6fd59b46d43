package io.sparkgate.bench;

import java.util.function.ToDoubleFunction;

/**
 * What a soak watches for growth, each with the absolute slack below which a change is noise (a
 * series near zero cannot move by 10 % of itself).
 */
enum SoakSeries {
  HEAP("heap after GC (MiB)", 2, SoakSample::heapAfterGcMiB),
  THREADS("live threads", 2, SoakSample::liveThreads),
  FILE_DESCRIPTORS("open file descriptors", 5, SoakSample::openFileDescriptors),
  AUDIT_QUEUE("audit queue depth", 50, SoakSample::auditQueue),
  P99("p99 latency (ms)", 5, SoakSample::p99Millis),
  ERRORS("errors per sample", 0, sample -> sample.errors());

  final String label;
  final double absoluteSlack;
  final ToDoubleFunction<SoakSample> value;

  SoakSeries(String label, double absoluteSlack, ToDoubleFunction<SoakSample> value) {
    this.label = label;
    this.absoluteSlack = absoluteSlack;
    this.value = value;
  }
}
