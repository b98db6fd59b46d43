package io.sparkgate.bench;

import io.sparkgate.cli.DurationConverter;
import io.sparkgate.cli.Main;
import io.sparkgate.cli.PolicyDirectoryOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code bench}: load a real server over HTTPS and print throughput and latency. Built into its own
 * jar, {@code target/sparkgate-bench.jar}, beside the serving jar it starts (the launcher's
 * {@code sparkgate bench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Starts servers on loopback (shipped pack with a tenant and audit on; an empty policy set; "
        + "audit off; 10,000 tenants), loads each over HTTPS keep-alive with a Spark mix and prints figures.")
public final class BenchCommand implements Callable<Integer> {
  @Mixin PolicyDirectoryOption policies;

  @Option(names = "--fixtures", defaultValue = "test-fixtures/spark",
      description = "Spark fixtures and tenant-alpha.yaml (default: ${DEFAULT-VALUE}).")
  Path fixtures;

  @Option(names = "--connections", defaultValue = "50", description = "Keep-alive connections (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--duration", defaultValue = "15", description = "Seconds of each measured run; with --soak, of the capacity run (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--first", defaultValue = "10",
      description = "Seconds of closed loop measured from the moment the server reports ready, before the warm-up: "
          + "what a new replica does at first; 0 skips it (default: ${DEFAULT-VALUE}).")
  int firstSeconds;

  @Option(names = "--warmup", defaultValue = "60",
      description = "Seconds of warm-up before measuring: on two cores shared with the generator the JIT needs about "
          + "a minute to compile the evaluation path; use 8 to see a cold server (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--rate", defaultValue = "1000", description = "Open-loop requests per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--heap", defaultValue = "128m", description = "Server -Xmx and -Xms (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--scenarios", split = ",", defaultValue = "pack,floor,no-audit,tenants",
      description = "Which of pack, floor, no-audit, tenants to run (default: ${DEFAULT-VALUE}).")
  List<String> scenarios;

  @Option(names = "--soak", converter = DurationConverter.class,
      description = "Instead of the scenarios: a soak of this length (e.g. 60m) at a constant rate, half of the measured "
          + "capacity unless --rate is given, with policy reloads, certificate rotations and tenant changes; prints a "
          + "sample table and whether heap, threads, file descriptors, audit queue, p99 and errors stayed flat; "
          + "exit 1 if one did not.")
  Duration soak;

  @Option(names = "--sample", converter = DurationConverter.class, defaultValue = "60s",
      description = "Soak: time between samples (default: ${DEFAULT-VALUE}).")
  Duration sample;

  @Option(names = "--change-every", converter = DurationConverter.class, defaultValue = "6m",
      description = "Soak: a policy reload, a certificate rotation and a tenant change are each made once in this "
          + "period, evenly spread (default: ${DEFAULT-VALUE}).")
  Duration changeEvery;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(Main.commandLine(new BenchCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (firstSeconds < 0 || warmupSeconds < 0 || durationSeconds <= 0) {
      spec.commandLine().getErr().println("error: --first and --warmup must be 0 or more seconds, --duration more than 0");
      return 2;
    }
    try {
      ServerLaunch.fromEnvironment(); // refused before any server starts
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 2;
    }
    if (soak != null) {
      boolean rateGiven = spec.commandLine().getParseResult().hasMatchedOption("--rate");
      SoakSettings settings = new SoakSettings(policies.directory, fixtures, soak, sample, changeEvery,
          rateGiven ? rate : Double.NaN, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds),
          connections, heap);
      return new Soak(settings, spec.commandLine().getOut()).run() ? 0 : 1;
    }
    Benchmark.LoadPlan plan = new Benchmark.LoadPlan(firstSeconds * 1000L, warmupSeconds * 1000L,
        durationSeconds * 1000L, rate);
    Benchmark benchmark = new Benchmark(policies.directory, fixtures, connections, plan, heap,
        spec.commandLine().getOut());
    return benchmark.run(scenarios) ? 0 : 1;
  }
}
