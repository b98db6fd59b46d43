package io.sparkgate.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@code trivy image --format json} writes (SchemaVersion 2) into an unsigned
 * {@link ImageScan}: the image's repository digest ({@code Metadata.RepoDigests}), the scan time
 * ({@code CreatedAt}), Trivy's version where the report gives it ({@code Trivy.Version}) and every
 * {@code Results[].Vulnerabilities[]} id with its severity.
 */
public final class TrivyReport {
  public static final String SCANNER = "trivy";

  private TrivyReport() {}

  /** What the report does not say, given on the command line; empty strings for none. */
  public record Overrides(String image, String scannedAt) {}

  public static ImageScan read(JsonNode report, Overrides overrides) throws ImageScanException {
    if (!report.isObject()) {
      throw new ImageScanException("", "the report is not a JSON object");
    }
    JsonNode schema = report.path("SchemaVersion");
    if (!schema.isIntegralNumber() || schema.asInt() != 2) {
      throw new ImageScanException("/SchemaVersion", "SchemaVersion is " + schema
          + ", expected 2 (a Trivy JSON report from --format json)");
    }
    String type = report.path("ArtifactType").asText("");
    if (!type.equals("container_image")) {
      throw new ImageScanException("/ArtifactType", "ArtifactType is \"" + ImageScan.shorten(type)
          + "\", expected \"container_image\" (a report of trivy image)");
    }
    ImageReference image = image(report, overrides.image());
    String scannedAt = scannedAt(report, overrides.scannedAt());
    String version = report.path("Trivy").path("Version").asText("");
    List<Finding> findings = new ArrayList<>();
    JsonNode results = report.path("Results");
    for (int r = 0; r < results.size(); r++) {
      JsonNode vulnerabilities = results.get(r).path("Vulnerabilities");
      for (int v = 0; v < vulnerabilities.size(); v++) {
        JsonNode vulnerability = vulnerabilities.get(v);
        String at = "/Results/" + r + "/Vulnerabilities/" + v;
        String id = vulnerability.path("VulnerabilityID").asText("");
        if (id.isEmpty()) {
          throw new ImageScanException(at + "/VulnerabilityID", at + " has no VulnerabilityID");
        }
        String severityName = vulnerability.path("Severity").asText("");
        Severity severity = Severity.named(severityName);
        if (severity == null) {
          throw new ImageScanException(at + "/Severity", at + " (" + ImageScan.shorten(id) + ") has severity \""
              + ImageScan.shorten(severityName) + "\", not one of CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN");
        }
        findings.add(new Finding(id, severity));
      }
    }
    return new ImageScan(image.pinnedDigest(), image.repository(), new ImageScan.Scanner(SCANNER, version),
        scannedAt, findings, null);
  }

  private static ImageReference image(JsonNode report, String override) throws ImageScanException {
    List<String> repoDigests = new ArrayList<>();
    for (JsonNode digest : report.path("Metadata").path("RepoDigests")) {
      repoDigests.add(digest.asText(""));
    }
    if (!override.isEmpty()) {
      ImageReference given = ImageReference.parse(override);
      if (given.pinnedDigest().isEmpty()) {
        throw new ImageScanException("", "--image " + ImageScan.shorten(override)
            + " is not pinned: give it as REPOSITORY@sha256:DIGEST");
      }
      boolean listed = repoDigests.stream().map(ImageReference::parse)
          .anyMatch(d -> d.pinnedDigest().equals(given.pinnedDigest()));
      if (!repoDigests.isEmpty() && !listed) {
        throw new ImageScanException("/Metadata/RepoDigests", "--image digest " + given.pinnedDigest()
            + " is not one of the report's Metadata.RepoDigests " + repoDigests);
      }
      return given;
    }
    for (String repoDigest : repoDigests) {
      ImageReference reference = ImageReference.parse(repoDigest);
      if (!reference.pinnedDigest().isEmpty()) {
        return reference;
      }
    }
    throw new ImageScanException("/Metadata/RepoDigests", "the report has no sha256 digest in Metadata.RepoDigests"
        + " (an image scanned from a local archive or daemon before it was pushed);"
        + " give the pushed image with --image REPOSITORY@sha256:DIGEST");
  }

  private static String scannedAt(JsonNode report, String override) throws ImageScanException {
    String text = override.isEmpty() ? report.path("CreatedAt").asText("") : override;
    if (text.isEmpty()) {
      throw new ImageScanException("/CreatedAt", "the report has no CreatedAt (older Trivy versions do not write it);"
          + " give the scan time with --scanned-at 2026-12-01T10:00:00Z");
    }
    try {
      return Instant.parse(text).toString();
    } catch (DateTimeParseException e) {
      throw new ImageScanException("/CreatedAt", "scan time \"" + ImageScan.shorten(text)
          + "\" is not an RFC 3339 time");
    }
  }
}
