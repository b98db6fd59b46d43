package io.sparkgate.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Not a unit test: measures group-commit throughput with and without fsync.
 * Run: {@code java -cp target/classes:target/test-classes:<deps> io.sparkgate.audit.AuditBenchmark [dir]}
 */
public final class AuditBenchmark {

  private AuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("audit-bench");
    run(base.resolve("warmup"), false, 50_000, 4, 256, false);
    // Group commit: 4 producers with 256 appends in flight each, as many concurrent requests would.
    run(base.resolve("no-fsync"), false, 300_000, 4, 256, true);
    run(base.resolve("fsync"), true, 200_000, 4, 256, true);
    // No batching possible: one append in flight at a time (cost of one write/fsync per record).
    run(base.resolve("serial-no-fsync"), false, 20_000, 1, 1, true);
    run(base.resolve("serial-fsync"), true, 2_000, 1, 1, true);
    deleteRecursively(base);
  }

  private static void run(Path dir, boolean fsync, int records, int producerCount, int inFlightPerProducer,
      boolean print) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AuditConfig cfg = AuditFixtures.config(dir).fsync(fsync).maxFileBytes(1L << 30).build();
    long start;
    long elapsed;
    try (AuditLog log = AuditLog.open(cfg, registry)) {
      AuditRecord[] samples = new AuditRecord[64];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = AuditFixtures.record(i);
      }
      CountDownLatch done = new CountDownLatch(records);
      start = System.nanoTime();
      Thread[] producers = new Thread[producerCount];
      for (int p = 0; p < producerCount; p++) {
        int share = records / producerCount + (p < records % producerCount ? 1 : 0);
        producers[p] = new Thread(() -> {
          Semaphore window = new Semaphore(inFlightPerProducer);
          for (int i = 0; i < share; i++) {
            window.acquireUninterruptibly();
            log.append(samples[i & 63]).whenComplete((ok, e) -> {
              if (e != null) {
                throw new IllegalStateException(e);
              }
              window.release();
              done.countDown();
            });
          }
        });
        producers[p].start();
      }
      done.await();
      elapsed = System.nanoTime() - start;
    }
    if (print) {
      double seconds = elapsed / 1e9;
      double batches = registry.get("sparkgate.audit.batches").counter().count();
      System.out.printf("%-9s %3d in flight: %,8d records in %6.2f s = %,10.0f records/s, %,8.0f batches (%.1f records/batch), "
              + "file %,d bytes%n", fsync ? "fsync" : "no-fsync",
          producerCount * inFlightPerProducer, records, seconds, records / seconds, batches,
          records / batches, Files.size(cfg.logFile()));
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
