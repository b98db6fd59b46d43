package io.sparkgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sparkgate.audit.archive.ArchiveLocation;
import io.sparkgate.audit.archive.ArchiveSettings;
import io.sparkgate.audit.archive.ArchiveStore;
import io.sparkgate.audit.archive.AuditArchiver;
import io.sparkgate.audit.archive.SegmentKey;
import io.sparkgate.cli.Main;
import io.sparkgate.testing.S3ProxyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archive against a real S3-compatible store (S3Proxy in its own JVM): sealed segments are
 * uploaded and then deleted locally, the archive verifies, an outage leaves segments waiting on
 * disk until the store is back, a full disk then applies the failure mode, a restarted uploader
 * does not duplicate, and a missing segment is a finding.
 */
class AuditArchiveTest {
  private static final AtomicInteger BUCKETS = new AtomicInteger();
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

  private static ArchiveLocation newBucket() {
    String bucket = "audit-" + BUCKETS.incrementAndGet();
    store.createBucket(bucket);
    return ArchiveLocation.parse("s3://" + bucket + "/sparkgate/prod");
  }

  private static ArchiveSettings settings(ArchiveLocation location) {
    return new ArchiveSettings(location, store.endpoint(), Duration.ofMinutes(5), null, Duration.ofMillis(100));
  }

  private static AuditArchiver archiver(AuditLog log, ArchiveLocation location) {
    return new AuditArchiver(log, ArchiveStore.open(location, store.endpoint(), Duration.ofSeconds(5)),
        settings(location), new SimpleMeterRegistry());
  }

  private static AuditConfig.Builder config(Path dir, String instance) {
    return AuditFixtures.config(dir).instanceId(instance).maxFileBytes(8 * 1024).retainedFiles(Integer.MAX_VALUE);
  }

  private static void append(AuditLog log, int from, int to) {
    for (int i = from; i <= to; i++) {
      AuditReceipt receipt = log.appendForResponse(AuditFixtures.record(i)).join();
      assertThat(receipt.written()).as("record %d written", i).isTrue();
    }
  }

  static String cli(String... args) {
    StringWriter out = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    int exit = commandLine.execute(args);
    return exit + " " + out.toString().strip();
  }

  private static String verify(Path dir, ArchiveLocation location) {
    return cli("audit", "verify", "--endpoint", store.endpoint().toString(), "--key",
        dir.resolve("certs").resolve(SigningKeys.PUBLIC_KEY_FILE).toString(), location.toString());
  }

  private static List<Path> sealed(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
      return files.filter(p -> p.getFileName().toString().matches("audit\\.log\\.\\d+")).sorted().toList();
    }
  }

  private static List<String> objectKeys(ArchiveLocation location) {
    try (S3Client s3 = store.client()) {
      return s3.listObjectsV2Paginator(b -> b.bucket(location.bucket())).contents().stream()
          .map(o -> o.key()).toList();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void sealedSegmentsAreUploadedDeletedLocallyAndTheArchiveVerifies(@TempDir Path dir) throws Exception {
    ArchiveLocation location = newBucket();
    AuditLog log = AuditLog.open(config(dir, "sparkgate-0").build(), new SimpleMeterRegistry());
    AuditArchiver archiver = archiver(log, location);
    archiver.start();
    append(log, 1, 300);
    log.closeAndSeal();
    archiver.finish(Duration.ofSeconds(30));
    archiver.close();

    List<String> keys = objectKeys(location);
    assertThat(keys).hasSizeGreaterThan(3)
        .allMatch(k -> k.startsWith("sparkgate/prod/sparkgate-0/") && k.endsWith(".log"));
    assertThat(Files.exists(dir.resolve("audit").resolve("audit.log"))).as("active file sealed at close").isFalse();
    assertThat(sealed(dir)).as("only the chain anchor stays local").hasSize(1);
    assertThat(verify(dir, location)).startsWith("0 ").contains("OK: instance sparkgate-0: 300 records");
    assertThat(cli("audit", "summary", "--endpoint", store.endpoint().toString(), location.toString()))
        .startsWith("0 ").contains("300");
  }

  @Test
  void aRestartedUploaderNeitherDuplicatesNorLosesAndContinuesTheChain(@TempDir Path dir) throws Exception {
    ArchiveLocation location = newBucket();
    AuditLog first = AuditLog.open(config(dir, "sparkgate-1").build(), new SimpleMeterRegistry());
    append(first, 1, 100);
    first.closeAndSeal();
    // The first run uploads nothing (it "crashed" before); the second finds everything on disk.
    AuditLog second = AuditLog.open(config(dir, "sparkgate-1").build(), new SimpleMeterRegistry());
    AuditArchiver archiver = archiver(second, location);
    assertThat(archiver.uploadSealed()).isTrue();
    List<String> once = objectKeys(location);
    assertThat(once).hasSizeGreaterThan(3);
    AuditArchiver again = archiver(second, location);
    assertThat(again.uploadSealed()).as("a fresh uploader re-checks with HEAD").isTrue();
    assertThat(objectKeys(location)).isEqualTo(once);
    append(second, 101, 200);
    second.closeAndSeal();
    again.finish(Duration.ofSeconds(30));
    archiver.close();
    again.close();
    assertThat(verify(dir, location)).startsWith("0 ").contains("OK: instance sparkgate-1: 200 records");
  }

  @Test
  void segmentsWaitLocallyWhileTheStoreIsDownAndUploadWhenItIsBack(@TempDir Path dir) throws Exception {
    ArchiveLocation location = newBucket();
    AuditLog log = AuditLog.open(config(dir, "sparkgate-2").build(), new SimpleMeterRegistry());
    AuditArchiver archiver = archiver(log, location);
    archiver.start();
    store.stop();
    try {
      append(log, 1, 200);
      Thread.sleep(500);
      assertThat(sealed(dir)).as("segments wait on disk").hasSizeGreaterThan(3);
    } finally {
      store.start();
    }
    await(() -> objectKeys(location).size() >= 4, "uploaded after the store came back");
    await(() -> {
      try {
        return sealed(dir).size() == 1;
      } catch (IOException e) {
        return false;
      }
    }, "local copies deleted once confirmed");
    log.closeAndSeal();
    archiver.finish(Duration.ofSeconds(30));
    archiver.close();
    assertThat(verify(dir, location)).startsWith("0 ").contains("OK: instance sparkgate-2: 200 records");
  }

  @Test
  void storeDownAndDiskFullAppliesTheFailureModeUntilTheBacklogIsArchived(@TempDir Path dir) throws Exception {
    ArchiveLocation location = newBucket();
    Path auditDir = dir.resolve("audit");
    long quota = 40 * 1024;
    BooleanSupplier diskFull = () -> directorySize(auditDir) >= quota;
    AuditLog log = AuditLog.open(config(dir, "sparkgate-3").build(), new SimpleMeterRegistry(),
        file -> new FaultyChannel(AuditWriter.ChannelOpener.DEFAULT.open(file), diskFull));
    AuditArchiver archiver = archiver(log, location);
    archiver.start();
    store.stop();
    int written = 0;
    AuditReceipt refused;
    try {
      int i = 0;
      while (true) {
        AuditReceipt receipt = log.appendForResponse(AuditFixtures.record(++i)).join();
        if (!receipt.written()) {
          refused = receipt;
          break;
        }
        written++;
        assertThat(i).as("the disk fills").isLessThan(10_000);
      }
    } finally {
      store.start();
    }
    assertThat(refused.denyRequest()).as("fail-closed denies").isTrue();
    assertThat(refused.failureMessage()).contains("No space left on device");
    assertThat(written).isPositive();
    await(() -> log.appendForResponse(AuditFixtures.record(50_000)).join().written(),
        "writes succeed again once the backlog is archived and deleted");
    log.closeAndSeal();
    archiver.finish(Duration.ofSeconds(30));
    archiver.close();
    assertThat(verify(dir, location)).startsWith("0 ").contains("OK: instance sparkgate-3: " + (written + 1) + " records");
  }

  @Test
  void aMissingSegmentIsAFindingAndTheRestStillVerifies(@TempDir Path dir) throws Exception {
    ArchiveLocation location = newBucket();
    AuditLog log = AuditLog.open(config(dir, "sparkgate-4").build(), new SimpleMeterRegistry());
    AuditArchiver archiver = archiver(log, location);
    archiver.start();
    append(log, 1, 300);
    log.closeAndSeal();
    archiver.finish(Duration.ofSeconds(30));
    archiver.close();
    List<String> keys = objectKeys(location);
    String middle = keys.get(keys.size() / 2);
    try (S3Client s3 = store.client()) {
      s3.deleteObject(b -> b.bucket(location.bucket()).key(middle));
    }
    SegmentKey removed = SegmentKey.parse(middle.substring(location.keyPrefix().length())).orElseThrow();
    String report = verify(dir, location);
    assertThat(report).startsWith("1 ").contains("FAILED: instance sparkgate-4")
        .contains("finding: seq " + removed.firstSeq() + ".." + removed.lastSeq() + " missing");
  }

  private static long directorySize(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

}
