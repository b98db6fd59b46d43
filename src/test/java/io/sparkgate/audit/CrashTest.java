package io.sparkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a writing JVM with SIGKILL and checks that every acknowledged record survived. */
class CrashTest {
  private static final int ACKS_BEFORE_KILL = 3_000;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    CountDownLatch enough = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            acked.add(line.substring(4));
            if (acked.size() >= ACKS_BEFORE_KILL) {
              enough.countDown();
            }
          }
        }
      } catch (IOException e) {
        // The pipe closes when the child dies.
      }
    });
    reader.start();
    try {
      assertThat(enough.await(60, TimeUnit.SECONDS)).as("child acknowledged records").isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    reader.join(10_000);
    assertThat(child.exitValue()).isEqualTo(137);

    Path logFile = AuditFixtures.config(dir).build().logFile();
    TornTailRepair.repair(logFile);
    VerificationResult result = AuditFixtures.verify(dir, List.of(logFile));
    assertThat(result.ok()).as("%s", result.failure()).isTrue();

    Set<String> logged = new HashSet<>();
    AuditQuery.forEach(List.of(logFile), AuditQuery.Filter.any(), e -> logged.add(e.record().uid()));
    assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    assertThat(logged).containsAll(acked);

    // The next server start continues the same chain.
    AuditFixtures.writeLog(AuditFixtures.config(dir).build(), 1);
    assertThat(AuditFixtures.verify(dir, List.of(logFile)).ok()).isTrue();
  }
}
