package io.sparkgate.audit;

import static io.sparkgate.audit.AuditFixtures.config;
import static io.sparkgate.audit.AuditFixtures.lines;
import static io.sparkgate.audit.AuditFixtures.logFiles;
import static io.sparkgate.audit.AuditFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void rotatedFilesKeepTheChainAndVerifyInAnyGivenOrder() throws IOException {
    AuditConfig cfg = config(dir).maxFileBytes(2_000).retainedFiles(100).build();
    AuditFixtures.writeLogOneByOne(cfg, 30);

    List<Path> files = logFiles(cfg.logFile());
    List<Path> inOrder = AuditFiles.inChainOrder(files);
    assertThat(inOrder).hasSizeGreaterThan(3);
    assertThat(inOrder.get(inOrder.size() - 1)).isEqualTo(cfg.logFile());
    for (int i = 0; i < inOrder.size(); i++) {
      List<String> lines = lines(inOrder.get(i));
      assertThat(lines.get(0)).contains("\"reason\":\"file-start\"");
      if (i < inOrder.size() - 1) {
        assertThat(lines.get(lines.size() - 1)).contains("\"reason\":\"rotation\"");
        List<String> next = lines(inOrder.get(i + 1));
        String lastHash = HashChain.sha256Hex(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8));
        assertThat(JSON.readTree(next.get(0)).get("prev").asText()).isEqualTo(lastHash);
      }
    }

    List<Path> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, new Random(7));
    VerificationResult r = verify(dir, shuffled);
    assertThat(r.ok()).as("%s", r.failure()).isTrue();
    assertThat(r.records()).isEqualTo(30);
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void aMissingMiddleFileIsNamedAtTheNextFile() throws IOException {
    AuditConfig cfg = config(dir).maxFileBytes(2_000).retainedFiles(100).build();
    AuditFixtures.writeLogOneByOne(cfg, 30);
    List<Path> inOrder = AuditFiles.inChainOrder(logFiles(cfg.logFile()));
    Files.delete(inOrder.get(1));

    VerificationResult r = verify(dir, logFiles(cfg.logFile()));
    assertThat(r.ok()).isFalse();
    assertThat(r.failure().file()).isEqualTo(inOrder.get(2));
    assertThat(r.failure().line()).isEqualTo(1);
    assertThat(r.failure().message()).contains("missing");
  }

  @Test
  void linesCutFromTheEndOfARotatedFileAreNamedAtTheNextFile() throws IOException {
    AuditConfig cfg = config(dir).maxFileBytes(2_000).retainedFiles(100).build();
    AuditFixtures.writeLogOneByOne(cfg, 30);
    List<Path> inOrder = AuditFiles.inChainOrder(logFiles(cfg.logFile()));
    List<String> first = lines(inOrder.get(0));
    AuditFixtures.writeLines(inOrder.get(0), first.subList(0, first.size() - 2));

    VerificationResult r = verify(dir, inOrder);
    assertThat(r.failure().file()).isEqualTo(inOrder.get(1));
    assertThat(r.failure().line()).isEqualTo(1);
  }

  @Test
  void retentionDeletesTheOldestFilesAndTheRestStillVerifies() throws IOException {
    AuditConfig cfg = config(dir).maxFileBytes(2_000).retainedFiles(2).build();
    AuditFixtures.writeLogOneByOne(cfg, 30);

    List<Path> files = logFiles(cfg.logFile());
    assertThat(files).hasSize(3);
    VerificationResult r = verify(dir, files);
    assertThat(r.ok()).as("%s", r.failure()).isTrue();
    assertThat(r.records()).isLessThan(30);
    assertThat(r.notes()).anyMatch(n -> n.contains("the chain starts at seq"));
  }

  @Test
  void newActiveFileContinuesFromTheNewestRotatedFile() throws IOException {
    // As after a crash between renaming the active file and creating the next one.
    AuditConfig cfg = config(dir).maxFileBytes(2_000).retainedFiles(100).build();
    AuditFixtures.writeLog(cfg, 10);
    List<String> active = lines(cfg.logFile());
    long lastSeq = JSON.readTree(active.get(active.size() - 1)).get("seq").asLong();
    Files.move(cfg.logFile(), new AuditRotation(cfg.logFile(), 100).rotatedPath(lastSeq));

    AuditFixtures.writeLog(cfg, 3);
    VerificationResult r = verify(dir, logFiles(cfg.logFile()));
    assertThat(r.ok()).as("%s", r.failure()).isTrue();
    assertThat(r.records()).isEqualTo(13);
  }
}
