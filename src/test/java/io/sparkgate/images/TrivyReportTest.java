package io.sparkgate.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrivyReportTest {
  private static final TrivyReport.Overrides NONE = new TrivyReport.Overrides("", "");

  private static ObjectNode report(String name) throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(Files.readString(Path.of("test-fixtures/images/trivy/" + name)));
  }

  @Test
  void aReportBecomesARecordOfItsDigestTimeScannerAndDistinctFindings() throws Exception {
    ImageScan scan = TrivyReport.read(report("trivy-vulnerable.json"), NONE);
    assertThat(scan.digest()).isEqualTo("sha256:5b6e29cf0c6e87f68724ca435c5e6694ba32a910e2ca04a79f683bf7d5d96e13");
    assertThat(scan.repository()).isEqualTo("registry.example.com/spark/spark-py");
    assertThat(scan.scanner()).isEqualTo(new ImageScan.Scanner("trivy", "0.58.1"));
    assertThat(scan.scannedAt()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(scan.vulnerabilities()).containsExactly(new Finding("CVE-2026-10001", Severity.CRITICAL),
        new Finding("CVE-2026-10002", Severity.MEDIUM), new Finding("GHSA-aaaa-bbbb-cccc", Severity.HIGH));
    assertThat(scan.counts()).containsEntry(Severity.CRITICAL, 1L).containsEntry(Severity.LOW, 0L);
  }

  @Test
  void aReportWithoutVulnerabilitiesHasNoFindings() throws Exception {
    ImageScan scan = TrivyReport.read(report("trivy-clean.json"), NONE);
    assertThat(scan.vulnerabilities()).isEmpty();
    assertThat(scan.scannedAt()).isEqualTo("2026-12-01T09:30:12.123456789Z");
  }

  @Test
  void aReportWithoutRepoDigestsNeedsTheImageGiven() throws Exception {
    ObjectNode report = report("trivy-clean.json");
    ((ObjectNode) report.get("Metadata")).remove("RepoDigests");
    assertThatThrownBy(() -> TrivyReport.read(report, NONE)).hasMessageContaining("--image REPOSITORY@sha256:DIGEST");
    String image = "registry.example.com/x@sha256:" + "a".repeat(64);
    assertThat(TrivyReport.read(report, new TrivyReport.Overrides(image, "")).digest()).isEqualTo("sha256:" + "a".repeat(64));
    assertThatThrownBy(() -> TrivyReport.read(report, new TrivyReport.Overrides("registry.example.com/x:1", "")))
        .hasMessageContaining("is not pinned");
  }

  @Test
  void anImageGivenMustBeOneOfTheReportsDigests() throws Exception {
    String other = "registry.example.com/spark/spark@sha256:" + "b".repeat(64);
    assertThatThrownBy(() -> TrivyReport.read(report("trivy-clean.json"), new TrivyReport.Overrides(other, "")))
        .hasMessageContaining("is not one of the report's Metadata.RepoDigests");
  }

  @Test
  void reportsOfOtherShapesAreRefusedNamingTheField() throws Exception {
    ObjectNode oldSchema = report("trivy-clean.json").put("SchemaVersion", 1);
    assertThatThrownBy(() -> TrivyReport.read(oldSchema, NONE)).hasMessageContaining("SchemaVersion is 1");
    ObjectNode filesystem = report("trivy-clean.json").put("ArtifactType", "filesystem");
    assertThatThrownBy(() -> TrivyReport.read(filesystem, NONE)).hasMessageContaining("expected \"container_image\"");
    ObjectNode noTime = report("trivy-clean.json");
    noTime.remove("CreatedAt");
    assertThatThrownBy(() -> TrivyReport.read(noTime, NONE)).hasMessageContaining("--scanned-at");
    assertThat(TrivyReport.read(noTime, new TrivyReport.Overrides("", "2026-11-30T12:00:00+01:00")).scannedAt())
        .isEqualTo("2026-11-30T11:00:00Z");
    ObjectNode badSeverity = report("trivy-vulnerable.json");
    ((ObjectNode) badSeverity.at("/Results/0/Vulnerabilities/1")).put("Severity", "SEVERE");
    assertThatThrownBy(() -> TrivyReport.read(badSeverity, NONE))
        .isInstanceOf(ImageScanException.class).hasMessageContaining("/Results/0/Vulnerabilities/1 (CVE-2026-10001)");
    JsonNode notObject = new ObjectMapper().readTree("[]");
    assertThatThrownBy(() -> TrivyReport.read(notObject, NONE)).hasMessageContaining("not a JSON object");
  }
}
