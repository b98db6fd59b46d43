package io.sparkgate.audit;

import static io.sparkgate.audit.AuditFixtures.config;
import static io.sparkgate.audit.AuditFixtures.lines;
import static io.sparkgate.audit.AuditFixtures.record;
import static io.sparkgate.audit.AuditFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornTailRepairTest {
  @TempDir Path dir;

  @Test
  void tornLastLineIsDetectedRepairedReportedAndTheChainContinues() throws IOException {
    AuditConfig cfg = config(dir).build();
    AuditFixtures.writeLog(cfg, 4);
    long intactSize = Files.size(cfg.logFile());
    List<String> intact = lines(cfg.logFile());
    // What a crash in the middle of a write leaves behind: the start of a line, no newline.
    String torn = intact.get(2).substring(0, 57);
    Files.writeString(cfg.logFile(), torn, StandardOpenOption.APPEND);

    VerificationResult before = verify(dir, List.of(cfg.logFile()));
    assertThat(before.ok()).isFalse();
    assertThat(before.failure().line()).isEqualTo(intact.size() + 1);
    assertThat(before.failure().message()).contains("incomplete line");

    try (AuditLog log = AuditLog.open(cfg, new SimpleMeterRegistry())) {
      assertThat(log.startupRepair().repaired()).isTrue();
      assertThat(log.startupRepair().removedBytes()).isEqualTo(torn.getBytes(StandardCharsets.UTF_8).length);
      assertThat(log.startupRepair().sizeAfter()).isEqualTo(intactSize);
      log.append(record(5)).join();
    }

    List<String> repaired = lines(cfg.logFile());
    assertThat(repaired.subList(0, intact.size())).isEqualTo(intact);
    assertThat(repaired.get(intact.size())).contains("\"reason\":\"startup\"", "\"repairedBytes\":57");
    VerificationResult after = verify(dir, List.of(cfg.logFile()));
    assertThat(after.ok()).as("%s", after.failure()).isTrue();
    assertThat(after.records()).isEqualTo(5);
  }

  @Test
  void intactFileIsLeftAlone() throws IOException {
    AuditConfig cfg = config(dir).build();
    AuditFixtures.writeLog(cfg, 2);
    byte[] before = Files.readAllBytes(cfg.logFile());
    TornTailRepair.Result result = TornTailRepair.repair(cfg.logFile());
    assertThat(result.repaired()).isFalse();
    assertThat(Files.readAllBytes(cfg.logFile())).isEqualTo(before);
  }

  @Test
  void fileWithOnlyATornLineIsEmptiedAndStartsAFreshChain() throws IOException {
    AuditConfig cfg = config(dir).build();
    Files.createDirectories(cfg.logFile().getParent());
    String torn = "{\"seq\":1,\"prev\":\"00";
    Files.writeString(cfg.logFile(), torn);

    TornTailRepair.Result result = TornTailRepair.repair(cfg.logFile());
    assertThat(result.removedBytes()).isEqualTo(torn.length());
    assertThat(Files.size(cfg.logFile())).isZero();
    AuditFixtures.writeLog(cfg, 1);
    assertThat(verify(dir, List.of(cfg.logFile())).ok()).isTrue();
  }
}
