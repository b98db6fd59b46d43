package io.sparkgate.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/** Runs the scenarios one after another and prints a table, the ratios and the targets. */
public final class Benchmark {
  private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

  static {
    SCENARIOS.put("pack", new Scenario("pack", "shipped pack + tenant, audit on", true, true, 0));
    SCENARIOS.put("floor", new Scenario("floor", "empty policy set, audit on", false, true, 0));
    SCENARIOS.put("no-audit", new Scenario("no-audit", "shipped pack + tenant, audit off", true, false, 0));
    SCENARIOS.put("tenants", new Scenario("tenants", "pack + 10,000 SparkTenants, audit on", true, true, 10_000));
  }

  private final Path policies;
  private final Path fixtures;
  private final int connections;
  private final LoadPlan plan;
  private final long durationMillis;
  private final double rate;
  private final String heap;
  private final PrintWriter out;

  /**
   * The runs of each scenario, in order: {@code firstMillis} of closed loop from the moment the
   * server reports ready (a new replica's first seconds), {@code warmupMillis} more of warm-up,
   * then {@code durationMillis} closed (saturation) and as long open at {@code rate}.
   */
  public record LoadPlan(long firstMillis, long warmupMillis, long durationMillis, double rate) {}

  public Benchmark(Path policies, Path fixtures, int connections, LoadPlan plan, String heap, PrintWriter out) {
    this.policies = policies;
    this.fixtures = fixtures;
    this.connections = connections;
    this.plan = plan;
    this.durationMillis = plan.durationMillis();
    this.rate = plan.rate();
    this.heap = heap;
    this.out = out;
  }

  public boolean run(List<String> names) throws Exception {
    ServerLaunch launch = ServerLaunch.fromEnvironment();
    Workload workload = Workload.spark(fixtures, "team-alpha", 2000);
    out.printf("machine: %d cores, %s; generator and server on this machine; %d connections, HTTP/1.1 keep-alive, "
            + "TLS; mix: 80%% executor pods, 10%% driver pods (each /mutate then /validate), 10%% SparkApplications%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
            + System.getProperty("java.version"), connections);
    out.printf("each scenario: %d s closed loop from ready (first seconds), %d s more warm-up, %d s closed loop "
            + "(saturation), %d s open loop at %.0f/s; server -Xmx%s%n",
        plan.firstMillis() / 1000, plan.warmupMillis() / 1000, durationMillis / 1000, durationMillis / 1000, rate, heap);
    out.printf("server JVM: %s%n%n", launch.describe());
    out.flush();
    Map<String, ScenarioResult> results = new LinkedHashMap<>();
    for (String name : names) {
      Scenario scenario = SCENARIOS.get(name);
      if (scenario == null) {
        out.println("unknown scenario " + name + "; known: " + SCENARIOS.keySet());
        return false;
      }
      results.put(name, runScenario(launch, scenario, workload));
      print(results.get(name));
    }
    summarise(results);
    out.flush();
    return true;
  }

  private ScenarioResult runScenario(ServerLaunch launch, Scenario scenario, Workload workload) throws Exception {
    Path work = Files.createTempDirectory("sparkgate-bench-");
    Path policyDir = preparePolicies(work, scenario);
    try (BenchServer server = BenchServer.start(launch, work, policyDir, scenario.audit(), heap);
        LoadGenerator load = new LoadGenerator(server.port, connections, workload)) {
      LoadResult first = plan.firstMillis() > 0 ? load.closedLoop(connections, plan.firstMillis()) : null;
      load.closedLoop(connections, plan.warmupMillis());
      AtomicReference<Double> maxHeap = new AtomicReference<>(0.0);
      Thread sampler = heapSampler(server, maxHeap);
      ServerMetrics before = server.scrape();
      LoadResult saturation = load.closedLoop(connections, durationMillis);
      ServerMetrics between = server.scrape();
      LoadResult steady = load.openLoop(rate, durationMillis);
      ServerMetrics after = server.scrape();
      sampler.interrupt();
      return new ScenarioResult(scenario, first, saturation, steady,
          ServerMetrics.percentileSeconds(between, after, 50) * 1e6,
          ServerMetrics.percentileSeconds(between, after, 99) * 1e6,
          maxHeap.get() / (1024 * 1024), server.readyMillis);
    } finally {
      deleteQuietly(work);
    }
  }

  private Path preparePolicies(Path work, Scenario scenario) throws IOException {
    if (!scenario.policies()) {
      return Files.createDirectories(work.resolve("policies"));
    }
    return BenchPolicies.prepare(work, policies, fixtures, scenario.extraTenants());
  }

  private static Thread heapSampler(BenchServer server, AtomicReference<Double> maxHeap) {
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          double heap = server.scrape().heapUsedBytes();
          maxHeap.accumulateAndGet(heap, Math::max);
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // a missed sample is not a result
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    return sampler;
  }

  private void print(ScenarioResult result) {
    out.printf("%-9s %s (ready in %d ms)%n", result.scenario().name(), result.scenario().description(),
        result.readyMillis());
    if (result.first() != null) {
      printLoad(String.format("  first %d s", plan.firstMillis() / 1000), result.first());
    }
    printLoad("  saturation", result.saturation());
    printLoad(String.format("  %.0f/s open", rate), result.steady());
    out.printf("  server-side at %.0f/s: p50 %.0f us, p99 %.0f us; max heap used %.1f MiB%n%n", rate,
        result.serverP50Micros(), result.serverP99Micros(), result.maxHeapMiB());
    out.flush();
  }

  private void printLoad(String label, LoadResult load) {
    out.printf("%s: %,.0f req/s, %d errors; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
        label, load.throughput(), load.errors(), load.percentileMillis(50), load.percentileMillis(90),
        load.percentileMillis(99), load.percentileMillis(99.9), load.maxMillis());
  }

  private void summarise(Map<String, ScenarioResult> results) {
    ScenarioResult pack = results.get("pack");
    if (pack == null) {
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(target("throughput at saturation >= 8,000/s", pack.saturation().throughput() >= 8000,
        String.format("%,.0f/s", pack.saturation().throughput())));
    ScenarioResult floor = results.get("floor");
    if (floor != null) {
      double ratio = pack.saturation().throughput() / floor.saturation().throughput();
      lines.add(target("pack / empty-policy floor >= 0.8", ratio >= 0.8, String.format("%.2f (%,.0f / %,.0f)",
          ratio, pack.saturation().throughput(), floor.saturation().throughput())));
      lines.add(target(String.format("empty-policy floor p99 end to end at %.0f/s < 1 ms", rate),
          floor.steady().percentileMillis(99) < 1, String.format("%.2f ms", floor.steady().percentileMillis(99))));
    }
    lines.add(target(String.format("p99 end to end at %.0f/s <= 2 ms", rate), pack.steady().percentileMillis(99) <= 2,
        String.format("%.2f ms", pack.steady().percentileMillis(99))));
    lines.add(target("server-side p99 <= 200 us", pack.serverP99Micros() <= 200,
        String.format("%.0f us", pack.serverP99Micros())));
    lines.add(target("heap <= 128 MiB under load", pack.maxHeapMiB() <= 128, String.format("%.1f MiB", pack.maxHeapMiB())));
    lines.add(target("ready <= 2 s after process start", pack.readyMillis() <= 2000, pack.readyMillis() + " ms"));
    if (pack.first() != null) {
      double share = pack.first().throughput() / pack.saturation().throughput();
      lines.add(target(String.format("first %d s after ready >= 0.8 x warm throughput", plan.firstMillis() / 1000),
          share >= 0.8, String.format("%.2f (%,.0f / %,.0f)", share, pack.first().throughput(),
              pack.saturation().throughput())));
    }
    ScenarioResult noAudit = results.get("no-audit");
    if (noAudit != null) {
      double cost = 1 - pack.saturation().throughput() / noAudit.saturation().throughput();
      lines.add(target("audit on costs <= 10 % of throughput", cost <= 0.10, String.format("%.1f %% (%,.0f with, %,.0f without)",
          cost * 100, pack.saturation().throughput(), noAudit.saturation().throughput())));
    }
    ScenarioResult tenants = results.get("tenants");
    if (tenants != null) {
      double change = tenants.serverP99Micros() - pack.serverP99Micros();
      lines.add(target("10,000 SparkTenants do not change latency (server p99 within 10 %)",
          tenants.serverP99Micros() <= pack.serverP99Micros() * 1.10,
          String.format("%.0f us vs %.0f us (%+.0f us)", tenants.serverP99Micros(), pack.serverP99Micros(), change)));
    }
    out.println("targets:");
    lines.forEach(out::println);
  }

  private static String target(String what, boolean met, String figure) {
    return String.format("  %-70s %-8s %s", what, met ? "met" : "NOT MET", figure);
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
