package io.sparkgate.images;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The CEL value of a record as {@code spark.imageScan} returns it (see docs/spark-cel.md). */
final class ImageScanValues {
  static final String AGE = "age";
  static final String SCANNED_AT = "scannedAt";

  private ImageScanValues() {}

  static Map<String, Object> verified(ImageScan scan) {
    Map<String, Object> value = new HashMap<>();
    value.put("verified", true);
    value.put("problem", "");
    value.put("digest", scan.digest());
    value.put("repository", scan.repository());
    value.put("scanner", scan.scanner().name());
    value.put("scannerVersion", scan.scanner().version());
    value.put(SCANNED_AT, scan.scannedAtInstant());
    value.put("keyId", scan.signature().keyId());
    Map<String, Object> counts = new HashMap<>();
    scan.counts().forEach((severity, count) -> counts.put(severity.name(), count));
    value.put("counts", Map.copyOf(counts));
    List<Object> findings = new ArrayList<>();
    for (Finding finding : scan.vulnerabilities()) {
      findings.add(Map.of("id", finding.id(), "severity", finding.severity().name()));
    }
    value.put("vulnerabilities", List.copyOf(findings));
    return Map.copyOf(value);
  }

  static Map<String, Object> rejected(String digest, String problem) {
    return Map.of("verified", false, "problem", problem, "digest", digest);
  }
}
