package io.sparkgate.audit;

import static io.sparkgate.audit.AuditFixtures.config;
import static io.sparkgate.audit.AuditFixtures.lines;
import static io.sparkgate.audit.AuditFixtures.writeLines;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test tampers with one copy of the same log and checks that verify names the right line.
 * The log (checkpoint every 4 records, 12 records):
 * line 1 file-start, 2-5 records, 6 checkpoint, 7-10 records, 11 checkpoint, 12-15 records,
 * 16 checkpoint, 17 shutdown checkpoint.
 */
class TamperDetectionTest {
  private static final Pattern PREV = Pattern.compile("\"prev\":\"[0-9a-f]{64}\"");

  @TempDir Path dir;
  private Path log;
  private List<String> original;

  @BeforeEach
  void writeLog() throws IOException {
    AuditConfig cfg = config(dir).checkpointEveryRecords(4).build();
    AuditFixtures.writeLog(cfg, 12);
    log = cfg.logFile();
    original = lines(log);
    assertThat(original).hasSize(17);
    assertThat(original.get(10)).contains("\"reason\":\"count\"");
  }

  @Test
  void intactLogVerifies() throws IOException {
    VerificationResult r = verify();
    assertThat(r.ok()).isTrue();
    assertThat(r.records()).isEqualTo(12);
    assertThat(r.checkpoints()).isEqualTo(5);
    assertThat(r.notes()).isEmpty();
  }

  @Test
  void editedFieldIsNamed() throws IOException {
    List<String> l = copy();
    l.set(7, l.get(7).replace("\"namespace\":\"team-a\"", "\"namespace\":\"team-x\""));
    assertThat(l.get(7)).isNotEqualTo(original.get(7));
    assertFailsAt(l, 8, "modified");
  }

  @Test
  void editedRecordJustBeforeACheckpointIsNamed() throws IOException {
    List<String> l = copy();
    l.set(9, l.get(9).replace("\"allowed\":true", "\"allowed\":false"));
    assertThat(l.get(9)).isNotEqualTo(original.get(9));
    assertFailsAt(l, 10, "modified");
  }

  @Test
  void editedSeqOrPrevFieldIsNamed() throws IOException {
    List<String> seq = copy();
    seq.set(7, seq.get(7).replace("\"seq\":8,", "\"seq\":80,"));
    assertFailsAt(seq, 8, "seq");

    List<String> prev = copy();
    prev.set(7, PREV.matcher(prev.get(7)).replaceFirst("\"prev\":\"" + "ab".repeat(32) + "\""));
    assertFailsAt(prev, 8, "prev does not match");
  }

  @Test
  void lineThatIsNoLongerJsonIsNamed() throws IOException {
    List<String> l = copy();
    l.set(7, l.get(7).substring(0, 40));
    assertFailsAt(l, 8, "not a valid audit line");
  }

  @Test
  void deletedLineIsNamedByItsSuccessor() throws IOException {
    List<String> l = copy();
    l.remove(7);
    assertFailsAt(l, 8, "1 line(s) are missing");
  }

  @Test
  void insertedCopyOfAnotherLineIsNamed() throws IOException {
    List<String> l = copy();
    l.add(7, original.get(2));
    assertFailsAt(l, 8, "duplicate of");
  }

  @Test
  void insertedLineForgedToFitTheChainIsNamed() throws IOException {
    List<String> l = copy();
    String forged = withChain(original.get(7).replace("uid-6", "uid-forged"), 8, sha256(original.get(6)));
    l.add(7, forged);
    assertFailsAt(l, 8, "inserted");
  }

  @Test
  void swappedLinesAreNamed() throws IOException {
    List<String> l = copy();
    Collections.swap(l, 7, 8);
    assertFailsAt(l, 8, "reordered");
  }

  @Test
  void fileTruncatedInTheMiddleOfALineIsNamed() throws IOException {
    byte[] all = Files.readAllBytes(log);
    int cut = String.join("\n", original.subList(0, 8)).length() + 1 + 30;
    Files.write(log, java.util.Arrays.copyOf(all, cut));
    VerificationResult r = verify();
    assertThat(r.failure()).isNotNull();
    assertThat(r.failure().line()).isEqualTo(9);
    assertThat(r.failure().message()).contains("incomplete line");
  }

  @Test
  void deletedFirstLinesAreNamed() throws IOException {
    List<String> l = copy();
    l.subList(0, 3).clear();
    assertFailsAt(l, 1, "does not begin with its file-start checkpoint");
  }

  @Test
  void alteredCheckpointIsNamed() throws IOException {
    List<String> l = copy();
    l.set(10, l.get(10).replace("\"reason\":\"count\"", "\"reason\":\"interval\""));
    assertFailsAt(l, 11, "signature does not verify");
  }

  @Test
  void forgedSignatureIsNamed() throws IOException {
    List<String> l = copy();
    l.set(10, l.get(10).replaceFirst("\"sig\":\"[^\"]+\"", "\"sig\":\"" + "A".repeat(86) + "==\""));
    assertFailsAt(l, 11, "signature does not verify");
  }

  @Test
  void checkpointResignedWithAnotherKeyIsNamed() throws IOException {
    CheckpointSigner attacker = new CheckpointSigner(new Ed25519PrivateKeyParameters(new java.security.SecureRandom()));

    List<String> sameKeyId = copy();
    sameKeyId.set(10, resign(original.get(10), attacker));
    assertFailsAt(sameKeyId, 11, "signature does not verify");

    List<String> ownKeyId = copy();
    String withAttackerId = original.get(10).replaceFirst("\"keyId\":\"[0-9a-f]+\"",
        "\"keyId\":\"" + attacker.keyId() + "\"");
    ownKeyId.set(10, resign(withAttackerId, attacker));
    assertFailsAt(ownKeyId, 11, "not a trusted key");
  }

  @Test
  void editWithTheWholeChainRecomputedIsCaughtAtTheNextCheckpoint() throws IOException {
    List<String> l = copy();
    l.set(7, l.get(7).replace("\"allowed\":false", "\"allowed\":true"));
    assertThat(l.get(7)).isNotEqualTo(original.get(7));
    for (int i = 8; i < l.size(); i++) {
      l.set(i, PREV.matcher(l.get(i)).replaceFirst("\"prev\":\"" + sha256(l.get(i - 1)) + "\""));
    }
    assertFailsAt(l, 11, "signature does not verify");
  }

  @Test
  void removingLinesAfterTheLastCheckpointIsUndetectableButReported() throws IOException {
    writeLines(log, original.subList(0, 13));
    VerificationResult r = verify();
    assertThat(r.ok()).isTrue();
    assertThat(r.notes()).anyMatch(n -> n.contains("the last 2 record(s) follow the last checkpoint"));
  }

  @Test
  void withoutKeysOnlyTheChainIsChecked() throws IOException {
    List<String> l = copy();
    l.set(16, l.get(16).replaceFirst("\"sig\":\"[^\"]+\"", "\"sig\":\"" + "A".repeat(86) + "==\""));
    writeLines(log, l);
    VerificationResult chainOnly = new AuditVerifier(TrustedKeys.none()).verify(List.of(log));
    assertThat(chainOnly.ok()).isTrue();
    assertThat(chainOnly.notes()).anyMatch(n -> n.contains("signatures were NOT checked"));
    assertFailsAt(l, 17, "signature does not verify");
  }

  private List<String> copy() {
    return new ArrayList<>(original);
  }

  private void assertFailsAt(List<String> tampered, int line, String messagePart) throws IOException {
    writeLines(log, tampered);
    VerificationResult r = verify();
    assertThat(r.ok()).as("tampering must be detected").isFalse();
    assertThat(r.failure().file()).isEqualTo(log);
    assertThat(r.failure().line()).as("%s", r.failure()).isEqualTo(line);
    assertThat(r.failure().message()).contains(messagePart);
  }

  private VerificationResult verify() throws IOException {
    return AuditFixtures.verify(dir, List.of(log));
  }

  private static String sha256(String line) {
    return HashChain.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
  }

  private static String withChain(String line, long seq, String prev) {
    String s = line.replaceFirst("^\\{\"seq\":\\d+,", "{\"seq\":" + seq + ",");
    return PREV.matcher(s).replaceFirst("\"prev\":\"" + prev + "\"");
  }

  private static String resign(String checkpoint, CheckpointSigner signer) {
    Matcher m = Pattern.compile(",\"sig\":\"[^\"]+\"}$").matcher(checkpoint);
    assertThat(m.find()).isTrue();
    String signed = checkpoint.substring(0, m.start());
    return signed + ",\"sig\":\"" + signer.signBase64(signed.getBytes(StandardCharsets.UTF_8)) + "\"}";
  }
}
