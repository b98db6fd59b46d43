package io.sparkgate.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** The cluster's records: verified once on arrival, looked up live, re-verified when the keys change. */
class ImageScanStoreTest {
  static final Path FIXTURES = Path.of("test-fixtures/images");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final String DIGEST = "sha256:a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41";
  static final String IMAGE = "registry.example.com/spark/spark@" + DIGEST;

  static ObjectNode clean() throws Exception {
    return (ObjectNode) YAML.readTree(Files.readString(FIXTURES.resolve("scan-clean.yaml")));
  }

  static ImageScanKeys ci() throws Exception {
    Ed25519PrivateKeyParameters key = ImageScanKeys.readPrivateKey(FIXTURES.resolve("ci-test.key"));
    return ImageScanKeys.of(List.of(key.generatePublicKey()));
  }

  @Test
  void aRecordIsInTheIndexOnceItArrivesAndGoneWhenDeleted() throws Exception {
    ImageScanStore store = new ImageScanStore();
    store.trust(ci());
    ImageScanIndex index = store.index();
    assertThat(index.lookup(IMAGE)).isNull();
    assertThat(store.put(clean()).verified()).isTrue();
    assertThat(index.lookup(IMAGE).verified()).isTrue();
    assertThat(index.verifiedCount()).isEqualTo(1);
    store.remove(clean().path("metadata").path("name").asText());
    assertThat(index.lookup(IMAGE)).isNull();
    assertThat(index.verifiedCount()).isZero();
  }

  @Test
  void aTamperedRecordIsNeverUsedAndCounted() throws Exception {
    ImageScanStore store = new ImageScanStore();
    store.trust(ci());
    ObjectNode tampered = clean();
    ((ObjectNode) tampered.path("spec")).put("scannedAt", "2026-12-03T09:30:12Z");
    ImageScanCheck check = store.put(tampered);
    assertThat(check.verified()).isFalse();
    assertThat(check.problem()).isEqualTo("the signature does not match the record (altered or signed by another key)");
    assertThat(store.index().lookup(IMAGE).verified()).isFalse();
    assertThat(store.index().rejectedCount()).isEqualTo(1);

    store.put(clean()); // the same object, restored
    assertThat(store.index().lookup(IMAGE).verified()).isTrue();
    assertThat(store.index().rejectedCount()).isZero();
  }

  @Test
  void aVerifiedClusterRecordWinsOverAFileRecordThatDoesNotVerify() throws Exception {
    ImageScanStore store = new ImageScanStore();
    store.trust(ci());
    store.put(clean());
    ImageScanIndex files = ImageScanIndex.of(List.of(new ImageScanCheck(null, DIGEST, "the record is not signed", "")));
    ImageScanIndex layered = store.index().inFrontOf(files);
    assertThat(layered.lookup(IMAGE).verified()).isTrue();
    assertThat(layered.verifiedCount()).isEqualTo(1);
    assertThat(layered.rejectedCount()).isEqualTo(1);
    store.remove(clean().path("metadata").path("name").asText());
    assertThat(layered.lookup(IMAGE).verified()).as("read through, not copied").isFalse();
  }

  @Test
  void recordsAreVerifiedAgainWhenTheTrustedKeysChange() throws Exception {
    ImageScanStore store = new ImageScanStore();
    JsonNode record = clean();
    assertThat(store.put(record).problem()).startsWith("the record is signed by key 8f1ffb3fb6346fd0, which is not trusted");
    assertThat(store.trust(ci())).isEmpty();
    assertThat(store.index().lookup(IMAGE).verified()).isTrue();
    assertThat(store.trust(ci())).as("unchanged keys: nothing to do").isEmpty();
    assertThat(store.trust(ImageScanKeys.NONE)).extracting(ImageScanStore.Rejected::name)
        .containsExactly("sha256-a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41");
    assertThat(store.index().lookup(IMAGE).verified()).isFalse();
    assertThat(store.size()).isEqualTo(1);
  }
}
