package io.sparkgate.bench;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.AdmissionReviewEncoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.engine.Phase;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/**
 * Server-side time of one /validate without the network: decode the body, evaluate, encode.
 * {@code java [-Dphase=ALL] -cp target/test-classes:target/sparkgate.jar:target/bench-lib/HdrHistogram.jar io.sparkgate.bench.EngineBenchmark POLICIES FILE [N] [NAMESPACE]}
 * where FILE is an AdmissionReview or a bare object.
 */
public final class EngineBenchmark {
  public static void main(String[] args) throws Exception {
    Path policies = Path.of(args.length > 0 ? args[0] : "test-fixtures/k8s-docs/replica-limit/policies");
    Path review = Path.of(args.length > 1 ? args[1] : "test-fixtures/k8s-docs/replica-limit/review.json");
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard()).load(policies);
    if (loaded.hasErrors()) {
      throw new IllegalStateException(loaded.errors().toString());
    }
    PolicySet set = loaded.policySet();
    com.fasterxml.jackson.databind.JsonNode document = new io.sparkgate.policy.source.YamlDocumentReader()
        .read(review, Files.readString(review)).get(0).tree();
    if (!io.sparkgate.engine.ReviewBuilder.isReview(document)) {
      document = new io.sparkgate.engine.ReviewBuilder().namespace(args.length > 3 ? args[3] : "team-alpha").build(document);
    }
    byte[] body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(document);
    Phase phase = Phase.valueOf(System.getProperty("phase", "VALIDATE"));
    AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(100);
    AdmissionReviewEncoder encoder = new AdmissionReviewEncoder(decoder.mapper());
    AdmissionEngine engine = new AdmissionEngine(SafetyNet.OFF, CelEnvironment.unsupportedAuthorizer());
    int threads = Integer.getInteger("threads", 1);
    if (threads > 1) {
      runConcurrently(threads, iterations, body, phase, decoder, encoder, engine, set);
      return;
    }
    Histogram histogram = new Histogram(3_600_000_000L, 3);
    // allocation per request does not vary with the machine's speed, as the times here do
    com.sun.management.ThreadMXBean threadBean =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int round = 0; round < 2; round++) {
      histogram.reset();
      long allocatedBefore = threadBean.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        long t0 = System.nanoTime();
        AdmissionRequest request = decoder.decode(body);
        sink += encoder.encode(engine.review(request, set, phase, Explainer.NONE).response()).length;
        histogram.recordValue(System.nanoTime() - t0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long allocated = threadBean.getCurrentThreadAllocatedBytes() - allocatedBefore;
      System.out.printf("%s: %d requests of %d bytes, %.0f/s on one thread; per request p50 %.1f us, p90 %.1f us, "
              + "p99 %.1f us, p99.9 %.1f us, max %.1f us; %.1f KB allocated%n",
          round == 0 ? "warm-up" : "measured", iterations, body.length, iterations / seconds,
          histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
          histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
          histogram.getMaxValue() / 1e3, allocated / 1024.0 / iterations);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  /** {@code -Dthreads=N}: the same work on N threads at once, to see how it scales over the cores. */
  private static void runConcurrently(int threads, int iterations, byte[] body, Phase phase,
      AdmissionReviewDecoder decoder, AdmissionReviewEncoder encoder, AdmissionEngine engine, PolicySet set)
      throws Exception {
    for (int round = 0; round < 2; round++) {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      java.util.concurrent.atomic.AtomicLong sink = new java.util.concurrent.atomic.AtomicLong();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        pool.execute(() -> {
          long local = 0;
          try {
            for (int i = 0; i < iterations; i++) {
              AdmissionRequest request = decoder.decode(body);
              local += encoder.encode(engine.review(request, set, phase, Explainer.NONE).response()).length;
            }
          } catch (io.sparkgate.admission.InvalidReviewException e) {
            throw new IllegalStateException(e);
          }
          sink.addAndGet(local);
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: %d threads x %d requests, %.0f/s in all (%.0f/s per thread)%n",
          round == 0 ? "warm-up" : "measured", threads, iterations, threads * iterations / seconds,
          iterations / seconds);
    }
  }
}
