package io.sparkgate.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageScanIndexTest {
  private static final String DIGEST = "sha256:" + "c".repeat(64);
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  private static ImageScanCheck verified(String scannedAt) {
    ImageScan scan = new ImageScan(DIGEST, "registry.example.com/spark/spark", new ImageScan.Scanner("trivy", "0.58.1"),
        scannedAt, List.of(), new ImageScan.Signature("k", "s"));
    return new ImageScanCheck(scan, DIGEST, null, null);
  }

  @Test
  void theLatestVerifiedScanOfADigestWinsAndABadRecordNeverReplacesAGoodOne() {
    ImageScanCheck bad = new ImageScanCheck(null, DIGEST, "the record is not signed", "/spec/signature");
    ImageScanIndex index = ImageScanIndex.of(List.of(verified("2026-12-01T00:00:00Z"), bad, verified("2026-12-02T00:00:00Z")), NOW);
    ImageScanIndex.Entry entry = index.lookup("registry.example.com/spark/spark@" + DIGEST);
    assertThat(entry.verified()).isTrue();
    assertThat(entry.scan().scannedAt()).isEqualTo("2026-12-02T00:00:00Z");
    assertThat(index.verifiedCount()).as("records, not digests").isEqualTo(2);
    assertThat(index.rejectedCount()).isEqualTo(1);
  }

  @Test
  void imagesNotPinnedOrWithoutRecordHaveNoEntry() {
    ImageScanIndex index = ImageScanIndex.of(List.of(verified("2026-12-01T00:00:00Z")), NOW);
    assertThat(index.lookup("registry.example.com/spark/spark:3.5.3")).isNull();
    assertThat(index.lookup("registry.example.com/spark/spark@sha256:" + "d".repeat(64))).isNull();
    assertThat(index.lookup("other.example.com/mirror/spark:3.5.3@" + DIGEST).verified()).isTrue();
  }

  @Test
  void clusterRecordsLayerOverFileRecords() {
    ImageScanIndex files = ImageScanIndex.of(List.of(verified("2026-12-01T00:00:00Z")), NOW);
    ImageScanIndex cluster = ImageScanIndex.of(List.of(verified("2026-12-02T12:00:00Z")), NOW);
    assertThat(cluster.inFrontOf(files).lookup("r@" + DIGEST).scan().scannedAt()).isEqualTo("2026-12-02T12:00:00Z");
    assertThat(ImageScanIndex.EMPTY.inFrontOf(files).lookup("r@" + DIGEST).verified()).isTrue();
  }
}
