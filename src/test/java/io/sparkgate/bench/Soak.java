package io.sparkgate.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A long run at a constant rate (half of capacity unless told) against a server in its own JVM,
 * with policy reloads, certificate rotations and tenant changes made in turn. Every sample forces a
 * full GC in the server, then reads its heap, live threads, open file descriptors and audit queue,
 * and the client's p99 and errors since the previous sample. At the end each series is judged by
 * {@link Flatness}: a leak shows as a late window above the early one.
 */
public final class Soak {
  /** A webhook's longest timeout: a request unanswered for this long counts as an error. */
  static final long REQUEST_TIMEOUT_MILLIS = 10_000;
  static final double FLAT_TOLERANCE = 0.10;

  private final SoakSettings settings;
  private final PrintWriter out;

  public Soak(SoakSettings settings, PrintWriter out) {
    this.settings = settings;
    this.out = out;
  }

  /** Runs the soak, prints the table and the verdicts; true when every series stayed flat. */
  public boolean run() throws Exception {
    return measure().flat();
  }

  SoakReport measure() throws Exception {
    ServerLaunch launch = ServerLaunch.fromEnvironment();
    Workload workload = Workload.spark(settings.fixtures(), "team-alpha", 2000);
    Path work = Files.createTempDirectory("sparkgate-soak-");
    ScheduledExecutorService changer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "soak-changes");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Path policyDir = BenchPolicies.prepare(work, settings.policies(), settings.fixtures(), 0);
      try (BenchServer server = BenchServer.start(launch, work, policyDir, true, settings.heap());
          ServerJvm jvm = ServerJvm.attach(server.pid());
          LoadGenerator load = new LoadGenerator(server.port, settings.connections(), workload)) {
        load.closedLoop(settings.connections(), settings.warmup().toMillis());
        double rate = settings.rate();
        if (Double.isNaN(rate)) {
          double capacity = load.closedLoop(settings.connections(), settings.capacityRun().toMillis()).throughput();
          rate = Math.max(1, capacity / 2);
          out.printf("capacity %,.0f req/s (closed loop, %d connections, %d s); soak rate half of it%n",
              capacity, settings.connections(), settings.capacityRun().toSeconds());
        }
        printHeader(rate, launch);
        ConcurrentLinkedQueue<String> changes = new ConcurrentLinkedQueue<>();
        SoakChanges changesMade = new SoakChanges(policyDir, work.resolve("certs"), policyDir.resolve(BenchPolicies.TENANT_FILE));
        long changeMillis = settings.changeEvery().toMillis() / SoakChanges.Change.values().length;
        List<SoakSample> samples = new ArrayList<>();
        try (ConstantLoad constant = load.constantRate(rate, REQUEST_TIMEOUT_MILLIS)) {
          long start = System.nanoTime();
          changer.scheduleWithFixedDelay(() -> changes.add(makeChange(changesMade)), changeMillis, changeMillis,
              TimeUnit.MILLISECONDS);
          long sampleNanos = settings.sampleEvery().toNanos();
          for (long due = start + sampleNanos; due <= start + settings.length().toNanos(); due += sampleNanos) {
            TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
            SoakSample sample = sample(server, jvm, constant.interval(), Duration.ofNanos(due - start), drain(changes));
            samples.add(sample);
            printRow(sample);
          }
        }
        changer.shutdownNow();
        String metrics = server.metricsText();
        PrometheusText text = new PrometheusText(metrics);
        out.printf("policy reloads seen by the server: %.0f succeeded, %.0f failed%n",
            text.sum("sparkgate_policy_reloads_total", "result=\"success\""),
            text.sum("sparkgate_policy_reloads_total", "result=\"failure\""));
        SoakReport report = new SoakReport(rate, samples, judge(samples));
        printVerdicts(report);
        return report;
      }
    } finally {
      changer.shutdownNow();
      Benchmark.deleteQuietly(work);
    }
  }

  private static String makeChange(SoakChanges changes) {
    try {
      return changes.next().label;
    } catch (Exception e) {
      return "change failed: " + e.getMessage();
    }
  }

  private static String drain(ConcurrentLinkedQueue<String> changes) {
    StringJoiner joined = new StringJoiner(",");
    for (String change = changes.poll(); change != null; change = changes.poll()) {
      joined.add(change);
    }
    return joined.toString();
  }

  private static SoakSample sample(BenchServer server, ServerJvm jvm, ConstantLoad.Interval interval, Duration at,
      String changes) throws Exception {
    ServerJvm.State state = jvm.afterFullGc();
    PrometheusText metrics = new PrometheusText(server.metricsText());
    return new SoakSample(at, interval.requests(), interval.errors(), interval.percentileMillis(99),
        interval.maxMillis(), state.heapUsedBytes() / (1024 * 1024), state.liveThreads(),
        state.openFileDescriptors() < 0 ? Double.NaN : state.openFileDescriptors(),
        metrics.value("sparkgate_audit_queue_size"), changes);
  }

  private Map<SoakSeries, Flatness.Verdict> judge(List<SoakSample> samples) {
    Map<SoakSeries, Flatness.Verdict> verdicts = new EnumMap<>(SoakSeries.class);
    for (SoakSeries series : SoakSeries.values()) {
      List<Flatness.Point> points = samples.stream()
          .map(sample -> new Flatness.Point(sample.at(), series.value.applyAsDouble(sample))).toList();
      verdicts.put(series, new Flatness(FLAT_TOLERANCE, series.absoluteSlack).judge(points, settings.length()));
    }
    return verdicts;
  }

  private void printHeader(double rate, ServerLaunch launch) {
    out.printf("soak: %s at %,.0f req/s open loop over %d keep-alive connections against a server in its own JVM "
            + "(-Xmx%s, audit on, pack + tenant); a policy reload, a certificate rotation and a tenant change in turn, "
            + "one every %s; a sample every %s (server heap after a full GC)%n",
        human(settings.length()), rate, settings.connections(), settings.heap(),
        human(settings.changeEvery().dividedBy(SoakChanges.Change.values().length)), human(settings.sampleEvery()));
    out.printf("server JVM: %s%n", launch.describe());
    out.printf("%9s %9s %7s %9s %9s %9s %8s %6s %8s  %s%n", "time", "requests", "errors", "p99 ms", "max ms",
        "heap MiB", "threads", "fds", "audit q", "changes");
    out.flush();
  }

  private void printRow(SoakSample sample) {
    out.printf("%9s %9d %7d %9.2f %9.2f %9.1f %8.0f %6.0f %8.0f  %s%n", human(sample.at()), sample.requests(),
        sample.errors(), sample.p99Millis(), sample.maxMillis(), sample.heapAfterGcMiB(), sample.liveThreads(),
        sample.openFileDescriptors(), sample.auditQueue(), sample.changes());
    out.flush();
  }

  private void printVerdicts(SoakReport report) {
    out.printf("flat? mean of the last %s against the mean of %s-%s (within %.0f %% or the slack):%n",
        human(settings.length().minus(fraction(Flatness.LATE_FROM))), human(fraction(Flatness.EARLY_FROM)),
        human(fraction(Flatness.EARLY_TO)), FLAT_TOLERANCE * 100);
    report.verdicts().forEach((series, verdict) -> out.printf("  %-24s %-9s early %9.2f  late %9.2f  %s%n",
        series.label, verdict.flat() ? "flat" : "NOT FLAT", verdict.earlyMean(), verdict.lateMean(), verdict.reason()));
    long errors = report.samples().stream().mapToLong(SoakSample::errors).sum();
    long requests = report.samples().stream().mapToLong(SoakSample::requests).sum();
    out.printf("%s: %,d requests, %d errors%n", report.flat() ? "flat" : "NOT FLAT", requests, errors);
    out.flush();
  }

  private Duration fraction(double part) {
    return Duration.ofMillis((long) (settings.length().toMillis() * part));
  }

  private static String human(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds >= 10 || duration.toMillis() % 1000 == 0 ? seconds + "s" : String.format("%.1fs", duration.toMillis() / 1000.0);
  }
}
