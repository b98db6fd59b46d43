package io.sparkgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.backgroundscan.BackgroundScanSettings;
import io.sparkgate.backgroundscan.PacedScan;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.source.YamlDocumentReader;
import io.sparkgate.report.ScanResult;
import io.sparkgate.server.ServerConfig;
import io.sparkgate.server.SparkgateServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background scan's figures: its rate over 10,000 Spark objects (90 % pods, 10 % applications,
 * from the fixtures) alone, paced as the server paces it and unpaced, and the admission latency of
 * an open-loop load on a server in the same JVM without a scan, during paced scans and during
 * unpaced scans.
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.sparkgate.bench.BackgroundScanBenchmark [OBJECTS] [RATE] [SECONDS]}
 * (or {@code mvn -o -q test -Dtest=BackgroundScanBenchmarkTest -Dsparkgate.bench=true}).
 */
public final class BackgroundScanBenchmark {
  private static final Path FIXTURES = Path.of("test-fixtures/spark");
  private static final int SLICE = 250;
  private static final int ROUNDS = 2;

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 300;
    long millis = (args.length > 2 ? Long.parseLong(args[2]) : 20) * 1000L;
    run(count, rate, millis);
  }

  static void run(int count, double rate, long millis) throws Exception {
    Path work = Files.createTempDirectory("sparkgate-scan-bench");
    Path policies = work.resolve("policies");
    Files.createDirectories(policies);
    for (Path file : PolicyFiles.list(Path.of("policies"))) {
      Files.copy(file, policies.resolve(file.getFileName()));
    }
    Files.copy(FIXTURES.resolve("tenant-alpha.yaml"), policies.resolve("tenant-alpha.yaml"));
    ServerConfig config = new ServerConfig(policies, work.resolve("certs"), "127.0.0.1", 0, "127.0.0.1", 0,
        ServerConfig.DEFAULT_MAX_BODY_BYTES, 100, 500_000_000L, 1000, "sparkgate", "sparkgate", 2, null, null,
        10_000, ServerConfig.DEFAULT_MAX_IN_FLIGHT);
    List<JsonNode> objects = objects(count);
    System.out.printf("background scan benchmark: %d objects, admission open loop at %.0f requests/s for %d s, "
        + "%d cores%n", objects.size(), rate, millis / 1000, Runtime.getRuntime().availableProcessors());
    try (SparkgateServer server = new SparkgateServer(config)) {
      server.start();
      PolicySet set = server.policies().current();
      try (LoadGenerator load = new LoadGenerator(server.port(), 16, Workload.spark(FIXTURES, "team-alpha", 2000))) {
        load.closedLoop(8, millis);
        PacedScan unpaced = new PacedScan(BackgroundScanSettings.Pacing.UNPACED);
        PacedScan paced = new PacedScan(BackgroundScanSettings.Pacing.DEFAULT);
        unpaced.run(set, objects, () -> true);
        ScanResult fast = unpaced.run(set, objects, () -> true);
        ScanResult slow = paced.run(set, objects, () -> true);
        System.out.printf("scan alone: unpaced %.0f objects/s (%.2f s), paced %.0f objects/s (%.2f s)%n",
            fast.objectsPerSecond(), fast.nanos() / 1e9, slow.objectsPerSecond(), slow.nanos() / 1e9);
        // interleaved rounds, so that the JIT and the machine's other load drift over all three alike
        for (int round = 1; round <= ROUNDS; round++) {
          report(round + ": admission, no scan", new UnderScan(load.openLoop(rate, millis), -1));
          report(round + ": admission, paced scans", duringScans(load, rate, millis, paced, set, objects));
          report(round + ": admission, unpaced scans", duringScans(load, rate, millis, unpaced, set, objects));
        }
      }
    }
  }

  /** The admission load's result, and the objects per second the scans completed meanwhile (-1: no scan). */
  private record UnderScan(LoadResult load, double scanRate) {}

  private static UnderScan duringScans(LoadGenerator load, double rate, long millis, PacedScan scan, PolicySet set,
      List<JsonNode> objects) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong scanned = new AtomicLong();
    long start = System.nanoTime();
    Thread thread = new Thread(() -> {
      try {
        // slices of the objects, so that the objects scanned in the window are counted even when a
        // whole scan takes longer than the window
        for (int from = 0; running.get(); from = (from + SLICE) % objects.size()) {
          ScanResult result = scan.run(set, objects.subList(from, Math.min(objects.size(), from + SLICE)), running::get);
          if (result != null) {
            scanned.addAndGet(result.objectsRead());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sparkgate-background-scan");
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.setDaemon(true);
    thread.start();
    LoadResult result;
    try {
      result = load.openLoop(rate, millis);
    } finally {
      running.set(false);
      thread.join();
    }
    return new UnderScan(result, scanned.get() / ((System.nanoTime() - start) / 1e9));
  }

  private static void report(String what, UnderScan measured) {
    LoadResult result = measured.load();
    System.out.printf("%-30s %4.0f req/s, errors %d, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%s%n", what,
        result.throughput(), result.errors(), result.percentileMillis(50), result.percentileMillis(99),
        result.percentileMillis(99.9), result.maxMillis(),
        measured.scanRate() < 0 ? "" : String.format("; meanwhile the scan did %.0f objects/s", measured.scanRate()));
  }

  /** {@code count} objects of team-alpha: 90 % executor and driver pods, 10 % applications of both operators. */
  static List<JsonNode> objects(int count) throws Exception {
    List<JsonNode> kinds = new ArrayList<>();
    for (String name : List.of("executor-pod.yaml", "driver-pod.yaml", "app-scala.yaml", "app-python-dynamic.yaml",
        "scheduled-app.yaml", "apache-app.yaml")) {
      Path file = FIXTURES.resolve(name);
      kinds.add(new YamlDocumentReader().read(file, Files.readString(file)).get(0).tree());
    }
    List<JsonNode> objects = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int pick = i % 10;
      JsonNode template = pick < 8 ? kinds.get(0) : pick == 8 ? kinds.get(1) : kinds.get(2 + (i / 10) % 4);
      ObjectNode object = template.deepCopy();
      ObjectNode metadata = (ObjectNode) object.get("metadata");
      metadata.put("name", metadata.path("name").asText() + "-" + i);
      metadata.put("uid", "00000000-0000-0000-0000-" + String.format("%012d", i));
      objects.add(object);
    }
    return objects;
  }
}
