package io.sparkgate.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cli.Main;
import io.sparkgate.testing.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real server processes archiving to a real S3-compatible store: after SIGTERM, and after SIGKILL
 * and a restart, every acknowledged decision of every instance is in the archive and each
 * instance's chain verifies.
 */
class ArchiveProcessTest {
  private static final Pattern UID = Pattern.compile("\"uid\":\"([^\"]+)\"");
  @TempDir static Path storeDir;
  private static S3ProxyServer store;

  @BeforeAll
  static void startStore() throws Exception {
    store = S3ProxyServer.start(storeDir);
  }

  @AfterAll
  static void stopStore() throws Exception {
    store.close();
  }

  private static ServerProcess server(Path dir, String bucket, String instance) throws Exception {
    Files.createDirectories(dir);
    return ServerProcess.start(dir, ServerLifecycleTest.policies(dir), store.environment(),
        "--audit-instance", instance, "--audit-archive", "s3://" + bucket + "/audit",
        "--audit-archive-endpoint", store.endpoint().toString(), "--audit-archive-scan", "200ms",
        "--audit-archive-quiet", "2s", "--audit-max-file-mb", "1", "--shutdown-timeout-ms", "6000");
  }

  /** One request at a time until one is answered: the JVM is warm before the load starts. */
  private static void warmUp(ServerProcess server) throws Exception {
    for (int i = 0; i < 20; i++) {
      try {
        if (server.review(ServerLifecycleTest.review("warm-up-" + i, 1)).get(60, TimeUnit.SECONDS).statusCode() == 200) {
          return;
        }
      } catch (java.util.concurrent.ExecutionException retry) {
        Thread.sleep(500);
      }
    }
  }

  /** Sends up to {@code count} reviews, 64 at a time; returns the uids answered with 200. */
  private static Set<String> load(ServerProcess server, String prefix, int count, Runnable atHalf) throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Semaphore window = new Semaphore(64);
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      window.acquire();
      String uid = prefix + i;
      sent.add(server.review(ServerLifecycleTest.review(uid, i % 10)).handle((response, error) -> {
        window.release();
        if (error == null && response.statusCode() == 200 && response.body().contains(uid)) {
          acknowledged.add(uid);
        } else {
          System.err.println("not acknowledged: " + uid + " " + (error != null ? error : response.statusCode()));
        }
        return null;
      }));
      if (i == count / 2) {
        atHalf.run();
      }
    }
    for (CompletableFuture<?> request : sent) {
      request.get(60, TimeUnit.SECONDS);
    }
    return acknowledged;
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    int exit = commandLine.execute(args);
    return exit + " " + out.toString().strip();
  }

  private static Set<String> archivedUids(String bucket) {
    String json = cli("audit", "query", "--output", "json", "--endpoint", store.endpoint().toString(),
        "s3://" + bucket + "/audit");
    assertThat(json).startsWith("0 ");
    Set<String> uids = new HashSet<>();
    Matcher m = UID.matcher(json);
    while (m.find()) {
      uids.add(m.group(1));
    }
    return uids;
  }

  private static String verify(String bucket, Path... dirs) {
    List<String> args = new ArrayList<>(List.of("audit", "verify", "--endpoint", store.endpoint().toString()));
    for (Path dir : dirs) {
      args.add("--key");
      args.add(dir.resolve("certs").resolve("audit-signing.pub").toString());
    }
    args.add("s3://" + bucket + "/audit");
    return cli(args.toArray(String[]::new));
  }

  @Test
  void twoInstancesUnderLoadThenSigtermEveryAcknowledgedDecisionIsArchivedAndVerifies(@TempDir Path dir)
      throws Exception {
    String bucket = "two-instances";
    store.createBucket(bucket);
    try (ServerProcess a = server(dir.resolve("a"), bucket, "sparkgate-a");
         ServerProcess b = server(dir.resolve("b"), bucket, "sparkgate-b")) {
      // Both servers are up and archiving; each gets 64 requests in flight, one after the other.
      warmUp(a);
      warmUp(b);
      Set<String> ackA = load(a, "a-", 600, () -> { });
      Set<String> ackB = load(b, "b-", 600, () -> { });
      a.process.destroy(); // SIGTERM
      b.process.destroy();
      assertThat(a.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(b.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // On a busy machine a cold server may time out some connections; what counts is that every
      // acknowledged decision is archived.
      assertThat(ackA).hasSizeGreaterThan(100);
      assertThat(ackB).hasSizeGreaterThan(100);
      Set<String> archived = archivedUids(bucket);
      assertThat(archived).containsAll(ackA).containsAll(ackB);
      String report = verify(bucket, dir.resolve("a"), dir.resolve("b"));
      assertThat(report).startsWith("0 ").contains("OK: instance sparkgate-a: ").contains("OK: instance sparkgate-b: ")
          .doesNotContain("finding");
    }
  }

  @Test
  void sigkillThenRestartNothingAcknowledgedIsMissingAfterTheNextUpload(@TempDir Path dir) throws Exception {
    String bucket = "killed-instance";
    store.createBucket(bucket);
    Set<String> acknowledged;
    try (ServerProcess server = server(dir, bucket, "sparkgate-k")) {
      warmUp(server);
      acknowledged = load(server, "k-", 1000, () -> server.process.destroyForcibly()); // SIGKILL under load
      assertThat(server.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSizeGreaterThan(100);
    try (ServerProcess restarted = server(dir, bucket, "sparkgate-k")) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!archivedUids(bucket).containsAll(acknowledged)) {
        assertThat(System.nanoTime()).as("the restarted server uploads the segment the kill left").isLessThan(deadline);
        Thread.sleep(500);
      }
      assertThat(verify(bucket, dir)).startsWith("0 ").contains("OK: instance sparkgate-k").doesNotContain("finding");
      restarted.process.destroy();
      assertThat(restarted.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
