package io.sparkgate.process;

import io.sparkgate.testing.Reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The server as an operating system process: every decision it answered is in its audit log,
 * after a SIGTERM with requests in flight and after a SIGKILL under load, and the log verifies.
 */
class ServerLifecycleTest {
  private static final Pattern UID = Pattern.compile("\"uid\":\"([^\"]+)\"");

  static String review(String uid, int replicas) {
    return new String(Reviews.deployment(uid, replicas), java.nio.charset.StandardCharsets.UTF_8);
  }

  static Path policies(Path dir) throws Exception {
    Path policies = Files.createDirectories(dir.resolve("policies"));
    Files.writeString(policies.resolve("policy.yaml"), Reviews.REPLICAS_POLICY);
    return policies;
  }

  /** The uids recorded in the audit files (rotated ones included). */
  static Set<String> recordedUids(Path auditDir) throws Exception {
    Set<String> uids = new HashSet<>();
    try (var files = Files.list(auditDir)) {
      for (Path file : files.toList()) {
        for (String line : Files.readAllLines(file)) {
          Matcher matcher = UID.matcher(line);
          if (line.contains("\"endpoint\"") && matcher.find()) {
            uids.add(matcher.group(1));
          }
        }
      }
    }
    return uids;
  }

  static String verify(Path dir) throws Exception {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    List<String> args = new ArrayList<>(List.of("audit", "verify", "--key",
        dir.resolve("certs").resolve("audit-signing.pub").toString()));
    try (var files = Files.list(dir.resolve("audit"))) {
      files.map(Path::toString).forEach(args::add);
    }
    int exit = commandLine.execute(args.toArray(String[]::new));
    return exit + " " + out.toString().strip();
  }

  @Test
  void sigtermAnswersEveryRequestInFlightThenExitsWithAVerifiedLog(@TempDir Path dir) throws Exception {
    try (ServerProcess server = ServerProcess.start(dir, policies(dir), "--shutdown-timeout-ms", "10000")) {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        inFlight.add(server.review(review("term-" + i, i % 10)));
      }
      // SIGTERM once the server is answering (the first answer is in), so that the rest are in flight
      // whatever the machine's load: a fixed sleep sometimes signalled before any request arrived
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (inFlight.stream().noneMatch(f -> f.isDone() && !f.isCompletedExceptionally())
          && inFlight.stream().anyMatch(f -> !f.isDone()) && System.nanoTime() < waitUntil) {
        Thread.sleep(5);
      }
      long signalled = System.nanoTime();
      server.process.destroy(); // SIGTERM
      int answered = 0;
      Set<String> acknowledged = new HashSet<>();
      for (CompletableFuture<HttpResponse<String>> request : inFlight) {
        try {
          HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
          assertThat(response.statusCode()).isEqualTo(200);
          Matcher uid = UID.matcher(response.body());
          assertThat(uid.find()).isTrue();
          acknowledged.add(uid.group(1));
          answered++;
        } catch (java.util.concurrent.ExecutionException refusedAfterStop) {
          // a request that had not reached the server before it stopped accepting is refused, not lost
        }
      }
      assertThat(server.process.waitFor(15, TimeUnit.SECONDS)).as("exits within the deadline").isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled)).isLessThan(15_000);
      assertThat(answered).isPositive();
      assertThat(recordedUids(dir.resolve("audit"))).containsAll(acknowledged);
      assertThat(verify(dir)).startsWith("0 OK: ");
    }
  }

  @Test
  void sigkillUnderLoadLosesNoAcknowledgedDecision(@TempDir Path dir) throws Exception {
    try (ServerProcess server = ServerProcess.start(dir, policies(dir))) {
      Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
      java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(64);
      List<CompletableFuture<?>> sent = new ArrayList<>();
      boolean killed = false;
      int sentAfterKill = 0;
      for (int i = 0; i < 20_000 && sentAfterKill < 100; i++) {
        window.acquire();
        String uid = "kill-" + i;
        sent.add(server.review(review(uid, i % 10)).handle((response, error) -> {
          window.release();
          if (error == null && response.statusCode() == 200 && response.body().contains(uid)) {
            acknowledged.add(uid);
          }
          return null;
        }));
        if (killed) {
          sentAfterKill++;
        } else if (acknowledged.size() >= 1000) {
          server.process.destroyForcibly(); // SIGKILL with 64 requests in flight
          killed = true;
        }
      }
      assertThat(killed).as("the load reached 1000 answers").isTrue();
      for (CompletableFuture<?> request : sent) {
        request.get(30, TimeUnit.SECONDS);
      }
      assertThat(server.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(acknowledged).isNotEmpty();
      assertThat(recordedUids(dir.resolve("audit"))).containsAll(acknowledged);
      // the next start repairs a torn tail; verify the repaired log
      try (ServerProcess restarted = ServerProcess.start(dir, policies(dir))) {
        restarted.process.destroy();
        assertThat(restarted.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(verify(dir)).startsWith("0 OK: ");
    }
  }
}
