package io.sparkgate.audit;

import static io.sparkgate.audit.AuditFixtures.config;
import static io.sparkgate.audit.AuditFixtures.lines;
import static io.sparkgate.audit.AuditFixtures.record;
import static io.sparkgate.audit.AuditFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void writesOneLinePerAppendBetweenStartAndShutdownCheckpoints() throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AuditConfig cfg = config(dir).build();
    try (AuditLog log = AuditLog.open(cfg, registry)) {
      for (int i = 1; i <= 10; i++) {
        log.append(record(i)).join();
      }
    }

    List<JsonNode> lines = parse(cfg.logFile());
    assertThat(lines).hasSize(12);
    assertThat(lines.get(0).get("reason").asText()).isEqualTo("file-start");
    assertThat(lines.get(0).get("prev").asText()).isEqualTo(HashChain.GENESIS);
    assertThat(lines.subList(1, 11)).extracting(n -> n.get("uid").asText())
        .containsExactly("uid-1", "uid-2", "uid-3", "uid-4", "uid-5", "uid-6", "uid-7", "uid-8", "uid-9", "uid-10");
    assertThat(lines.get(11).get("reason").asText()).isEqualTo("shutdown");
    assertThat(lines).extracting(n -> n.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L,
        10L, 11L, 12L);

    VerificationResult result = verify(dir, List.of(cfg.logFile()));
    assertThat(result.ok()).as("%s", result.failure()).isTrue();
    assertThat(result.records()).isEqualTo(10);
    assertThat(result.checkpoints()).isEqualTo(2);
    assertThat(registry.get("sparkgate.audit.records").tag("result", "written").counter().count()).isEqualTo(10);
    assertThat(registry.get("sparkgate.audit.records").tag("result", "failed").counter().count()).isZero();
    assertThat(registry.get("sparkgate.audit.checkpoints").tag("reason", "file-start").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("sparkgate.audit.checkpoints").tag("reason", "shutdown").counter().count())
        .isEqualTo(1);
  }

  @Test
  void recordLineCarriesEveryFieldAndDecodesBackToTheRecord() throws Exception {
    AuditConfig cfg = config(dir).build();
    AuditFixtures.writeLog(cfg, 3);
    String line = lines(cfg.logFile()).get(3);
    JsonNode n = JSON.readTree(line);

    assertThat(n.get("time").asText()).isEqualTo("2025-03-01T10:00:03.123Z");
    assertThat(n.get("endpoint").asText()).isEqualTo("mutate");
    assertThat(n.get("kind").get("kind").asText()).isEqualTo("SparkApplication");
    assertThat(n.get("user").get("groups")).hasSize(2);
    assertThat(n.get("allowed").asBoolean()).isFalse();
    assertThat(n.get("status").get("code").asInt()).isEqualTo(403);
    assertThat(n.get("policies").get(0).get("outcome").asText()).isEqualTo("fail");
    assertThat(n.get("patchPaths").get(1).asText()).isEqualTo("/spec/driver/cores");
    assertThat(n.get("latencyMicros").asLong()).isEqualTo(153);
    assertThat(n.get("instance").asText()).isEqualTo("test-instance");
    assertThat(AuditLine.parse(line.getBytes(StandardCharsets.UTF_8)).toRecord()).isEqualTo(record(3));
  }

  @Test
  void futureCompletesOnlyOnceTheLineIsInTheFile() throws IOException {
    AuditConfig cfg = config(dir).build();
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      for (int i = 1; i <= 20; i++) {
        log.append(record(i)).join();
        // Read through a separate file handle: the bytes must already be visible to the OS.
        assertThat(Files.readString(cfg.logFile())).contains("\"uid\":\"uid-" + i + "\"");
      }
    }
  }

  @Test
  void groupCommitsWhateverIsQueuedInOneWrite() throws Exception {
    BlockingStream copy = new BlockingStream();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AuditConfig cfg = config(dir).copyTo(copy).build();
    try (AuditLog log = AuditLog.open(cfg, registry)) {
      double batchesBefore = registry.get("sparkgate.audit.batches").counter().count();
      copy.armed = true;
      CompletableFuture<Void> first = log.append(record(0));
      // The writer thread is now stuck copying the first batch while 500 records queue up.
      assertThat(copy.blocked.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Void>> futures = new ArrayList<>(List.of(first));
      for (int i = 1; i <= 500; i++) {
        futures.add(log.append(record(i)));
      }
      copy.release.countDown();
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(registry.get("sparkgate.audit.batches").counter().count() - batchesBefore).isEqualTo(2);
    }
    assertThat(verify(dir, List.of(cfg.logFile())).records()).isEqualTo(501);
  }

  @Test
  void copiesEveryLineToTheConfiguredStream() throws IOException {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    AuditConfig cfg = config(dir).copyTo(copy).build();
    AuditFixtures.writeLog(cfg, 5);
    assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(cfg.logFile()));
  }

  @Test
  void checkpointsEveryNRecords() throws IOException {
    AuditConfig cfg = config(dir).checkpointEveryRecords(3).build();
    AuditFixtures.writeLog(cfg, 7);
    List<String> types = parse(cfg.logFile()).stream()
        .map(n -> n.get("type").asText().equals("checkpoint") ? n.get("reason").asText() : "r").toList();
    assertThat(types).containsExactly("file-start", "r", "r", "r", "count", "r", "r", "r", "count", "r", "shutdown");
    assertThat(verify(dir, List.of(cfg.logFile())).ok()).isTrue();
  }

  @Test
  void checkpointsAfterTheIntervalWhenRecordsWereWritten() throws Exception {
    AuditConfig cfg = config(dir).checkpointInterval(Duration.ofMillis(100)).build();
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      log.append(record(1)).join();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!Files.readString(cfg.logFile()).contains("\"reason\":\"interval\"") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(300);
      // One interval checkpoint for the one record; none while idle.
      assertThat(Files.readString(cfg.logFile()).split("\"reason\":\"interval\"", -1)).hasSize(2);
    }
  }

  @Test
  void fsyncModeForcesEveryBatch() throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AuditConfig cfg = config(dir).fsync(true).build();
    try (AuditLog log = AuditLog.open(cfg, registry)) {
      for (int i = 1; i <= 5; i++) {
        log.append(record(i)).join();
      }
      double batches = registry.get("sparkgate.audit.batches").counter().count();
      assertThat(registry.get("sparkgate.audit.fsyncs").counter().count()).isEqualTo(batches).isGreaterThan(5);
    }
    assertThat(verify(dir, List.of(cfg.logFile())).records()).isEqualTo(5);
  }

  @Test
  void withoutFsyncNoBatchIsForced() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (AuditLog log = AuditLog.open(config(dir).build(), registry)) {
      log.append(record(1)).join();
      assertThat(registry.get("sparkgate.audit.fsyncs").counter().count()).isZero();
    }
  }

  @Test
  void restartContinuesTheChainWithAStartupCheckpoint() throws IOException {
    AuditConfig cfg = config(dir).build();
    AuditFixtures.writeLog(cfg, 3);
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      assertThat(log.startupRepair().repaired()).isFalse();
      log.append(record(4)).join();
    }
    List<JsonNode> lines = parse(cfg.logFile());
    assertThat(lines.get(5).get("reason").asText()).isEqualTo("startup");
    VerificationResult result = verify(dir, List.of(cfg.logFile()));
    assertThat(result.ok()).isTrue();
    assertThat(result.records()).isEqualTo(4);
  }

  @Test
  void generatesTheKeyPairOnFirstStartAndReusesIt() throws IOException {
    AuditConfig cfg = config(dir).build();
    String firstKeyId;
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      firstKeyId = log.signingKeyId();
    }
    Path privateKey = dir.resolve("certs").resolve(SigningKeys.PRIVATE_KEY_FILE);
    assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("certs").resolve(SigningKeys.PUBLIC_KEY_FILE)))
        .startsWith("-----BEGIN PUBLIC KEY-----");
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      assertThat(log.signingKeyId()).isEqualTo(firstKeyId);
    }
  }

  @Test
  void usesAnExplicitSigningKey() throws IOException {
    AuditFixtures.writeLog(config(dir.resolve("other")).build(), 1);
    Path key = dir.resolve("other").resolve("certs").resolve(SigningKeys.PRIVATE_KEY_FILE);
    AuditConfig cfg = config(dir).signingKeyFile(key).build();
    AuditFixtures.writeLog(cfg, 2);
    assertThat(dir.resolve("certs")).doesNotExist();
    VerificationResult result = new AuditVerifier(AuditFixtures.trustedKeys(dir.resolve("other")))
        .verify(List.of(cfg.logFile()));
    assertThat(result.ok()).isTrue();
  }

  @Test
  void unwritablePathFailsAtOnceNamingThePath() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    AuditConfig cfg = config(dir).logFile(notADirectory.resolve("audit.log")).build();
    assertThatThrownBy(() -> AuditLog.open(cfg, new SimpleMeterRegistry()))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("plain-file");

    Path aDirectory = Files.createDirectories(dir.resolve("audit").resolve("audit.log"));
    assertThatThrownBy(() -> AuditLog.open(config(dir).logFile(aDirectory).build(), new SimpleMeterRegistry()))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("is a directory");
  }

  @Test
  void fullDiskAtStartFailsAtOnce() throws IOException {
    Path devFull = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(devFull), "/dev/full not available");
    Path link = Files.createDirectories(dir.resolve("audit")).resolve("audit.log");
    Files.createSymbolicLink(link, devFull);
    assertThatThrownBy(() -> AuditLog.open(config(dir).build(), new SimpleMeterRegistry()))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("audit.log");
  }

  @Test
  void aSecondWriterOnTheSameFileIsRefused() {
    AuditConfig cfg = config(dir).build();
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      assertThatThrownBy(() -> AuditLog.open(cfg, new SimpleMeterRegistry()))
          .isInstanceOf(AuditLogException.class)
          .hasMessageContaining("in use");
    }
  }

  @Test
  void failedWriteFailsItsFuturesAndLeavesNoTornLine() throws IOException {
    List<FaultyChannel> channels = new ArrayList<>();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AuditConfig cfg = config(dir).build();
    try (AuditLog log = AuditLog.open(cfg, registry, file -> {
      FaultyChannel c = new FaultyChannel(AuditWriter.ChannelOpener.DEFAULT.open(file));
      channels.add(c);
      return c;
    })) {
      log.append(record(1)).join();
      channels.get(0).diskFull.set(true);
      CompletableFuture<Void> failed = log.append(record(2));
      assertThatThrownBy(failed::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(AuditLogException.class)
          .hasMessageContaining("could not be written")
          .hasMessageContaining("No space left on device");
      assertThat(Files.readString(cfg.logFile())).endsWith("\n").doesNotContain("uid-2");

      channels.get(0).diskFull.set(false);
      log.append(record(3)).join();
    }
    VerificationResult result = verify(dir, List.of(cfg.logFile()));
    assertThat(result.ok()).as("%s", result.failure()).isTrue();
    assertThat(result.records()).isEqualTo(2);
    assertThat(registry.get("sparkgate.audit.records").tag("result", "failed").counter().count()).isEqualTo(1);
    assertThat(registry.get("sparkgate.audit.records").tag("result", "written").counter().count()).isEqualTo(2);
  }

  @Test
  void aFullDiskIsRetriedWithBackOffNotInALoop() throws Exception {
    FaultyChannel[] channel = new FaultyChannel[1];
    AuditConfig cfg = config(dir).checkpointInterval(java.time.Duration.ofMillis(20)).build();
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry(), file -> {
      channel[0] = new FaultyChannel(AuditWriter.ChannelOpener.DEFAULT.open(file));
      return channel[0];
    })) {
      log.append(record(1)).join(); // written: an interval checkpoint is now due for it
      channel[0].diskFull.set(true);
      assertThatThrownBy(() -> log.append(record(2)).join()).hasMessageContaining("No space left");
      Thread.sleep(1_200);
      // with a 20 ms checkpoint interval, a writer without back-off retries the checkpoint in a loop
      assertThat(channel[0].failedWrites.get()).isLessThanOrEqualTo(4);
      channel[0].diskFull.set(false);
      log.append(record(3)).join();
    }
  }

  @Test
  void failClosedTellsTheServerToDenyNamingTheAuditFailure() {
    FaultyChannel[] channel = new FaultyChannel[1];
    AuditConfig cfg = config(dir).build();
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry(), file -> {
      channel[0] = new FaultyChannel(AuditWriter.ChannelOpener.DEFAULT.open(file));
      return channel[0];
    })) {
      assertThat(log.failureMode()).isEqualTo(FailureMode.FAIL_CLOSED);
      assertThat(log.appendForResponse(record(1)).join()).isEqualTo(new AuditReceipt(true, false, null));
      channel[0].diskFull.set(true);
      AuditReceipt receipt = log.appendForResponse(record(2)).join();
      assertThat(receipt.written()).isFalse();
      assertThat(receipt.denyRequest()).isTrue();
      assertThat(receipt.failureMessage()).contains("audit record could not be written", "No space left");
      channel[0].diskFull.set(false);
    }
  }

  @Test
  void failOpenLetsTheResponseThroughAndCountsIt() {
    FaultyChannel[] channel = new FaultyChannel[1];
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AuditConfig cfg = config(dir).failureMode(FailureMode.FAIL_OPEN).build();
    try (AuditLog log = AuditLog.open(cfg, registry, file -> {
      channel[0] = new FaultyChannel(AuditWriter.ChannelOpener.DEFAULT.open(file));
      return channel[0];
    })) {
      channel[0].diskFull.set(true);
      AuditReceipt receipt = log.appendForResponse(record(1)).join();
      assertThat(receipt.written()).isFalse();
      assertThat(receipt.denyRequest()).isFalse();
      assertThat(registry.get("sparkgate.audit.fail.open").counter().count()).isEqualTo(1);
      channel[0].diskFull.set(false);
    }
  }

  @Test
  void appendNeverBlocksWhenTheQueueIsFull() throws Exception {
    BlockingStream copy = new BlockingStream();
    AuditConfig cfg = config(dir).copyTo(copy).queueCapacity(2).build();
    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      copy.armed = true;
      CompletableFuture<Void> first = log.append(record(0));
      assertThat(copy.blocked.await(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> a = log.append(record(1));
      CompletableFuture<Void> b = log.append(record(2));
      long start = System.nanoTime();
      CompletableFuture<Void> c = log.append(record(3));
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
      assertThatThrownBy(c::join).cause().hasMessageContaining("queue is full");
      copy.release.countDown();
      CompletableFuture.allOf(first, a, b).get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void appendAfterCloseFails() {
    AuditLog log = AuditLog.open(config(dir).build(), new SimpleMeterRegistry());
    log.close();
    assertThatThrownBy(() -> log.append(record(1)).join()).cause().hasMessageContaining("closed");
    log.close();
  }

  private static List<JsonNode> parse(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String l : lines(file)) {
      nodes.add(JSON.readTree(l));
    }
    return nodes;
  }

  /** Once armed, the first write blocks until released: holds the writer thread mid-batch. */
  private static final class BlockingStream extends OutputStream {
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean armed;

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {
      if (armed && blocked.getCount() > 0) {
        blocked.countDown();
        await(release);
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
