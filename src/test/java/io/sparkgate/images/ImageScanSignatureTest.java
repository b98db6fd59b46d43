package io.sparkgate.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

class ImageScanSignatureTest {
  private static final Ed25519PrivateKeyParameters CI_KEY = new Ed25519PrivateKeyParameters(new SecureRandom());
  private static final ImageScanKeys TRUSTED = ImageScanKeys.of(List.of(CI_KEY.generatePublicKey()));

  static ObjectNode signedRecord() throws Exception {
    JsonNode report = new ObjectMapper().readTree(
        Files.readString(Path.of("test-fixtures/images/trivy/trivy-vulnerable.json"), StandardCharsets.UTF_8));
    ImageScan scan = TrivyReport.read(report, new TrivyReport.Overrides("", ""));
    return ImageScanKeys.sign(scan, CI_KEY).toObject();
  }

  @Test
  void aRecordSignedByATrustedKeyVerifies() throws Exception {
    ImageScanCheck check = ImageScanCheck.of(signedRecord(), TRUSTED);
    assertThat(check.problem()).isNull();
    assertThat(check.scan().vulnerabilities()).extracting(Finding::id)
        .containsExactly("CVE-2026-10001", "CVE-2026-10002", "GHSA-aaaa-bbbb-cccc");
  }

  @Test
  void changingAnyFieldOfTheRecordBreaksItsSignature() throws Exception {
    ObjectNode record = signedRecord();
    List<String> pointers = new ArrayList<>();
    leaves(record, "", pointers);
    pointers.removeIf(p -> p.startsWith("/spec/signature") || p.startsWith("/metadata"));
    assertThat(pointers).contains("/apiVersion", "/kind", "/spec/digest", "/spec/repository", "/spec/scanner/name",
        "/spec/scanner/version", "/spec/scannedAt", "/spec/summary/CRITICAL", "/spec/vulnerabilities/0/id",
        "/spec/vulnerabilities/2/severity");
    for (String pointer : pointers) {
      ObjectNode changed = record.deepCopy();
      JsonNode leaf = changed.at(pointer);
      ObjectNode parent = (ObjectNode) changed.at(pointer.substring(0, pointer.lastIndexOf('/')));
      String field = pointer.substring(pointer.lastIndexOf('/') + 1);
      if (leaf.isNumber()) {
        parent.put(field, leaf.asLong() + 1);
      } else if (field.equals("severity")) {
        parent.put(field, leaf.asText().equals("LOW") ? "HIGH" : "LOW");
      } else if (field.equals("digest")) {
        parent.put(field, leaf.asText().replace('5', '6'));
      } else if (field.equals("scannedAt")) {
        parent.put(field, "2026-12-02T10:00:00Z");
      } else {
        parent.set(field, new TextNode(leaf.asText() + "x"));
      }
      assertThat(ImageScanCheck.of(changed, TRUSTED).verified()).as("changed " + pointer).isFalse();
    }
  }

  @Test
  void addingOrRemovingAFindingOrAFieldBreaksTheSignature() throws Exception {
    ObjectNode removed = signedRecord();
    ((ArrayNode) removed.at("/spec/vulnerabilities")).remove(0);
    assertThat(ImageScanCheck.of(removed, TRUSTED).problem()).startsWith("the signature does not match");

    ObjectNode added = signedRecord();
    ((ArrayNode) added.at("/spec/vulnerabilities")).addObject().put("id", "CVE-1").put("severity", "LOW");
    assertThat(ImageScanCheck.of(added, TRUSTED).verified()).isFalse();

    ObjectNode extra = signedRecord();
    ((ObjectNode) extra.get("spec")).put("note", "approved");
    assertThat(ImageScanCheck.of(extra, TRUSTED).verified()).isFalse();
  }

  @Test
  void memberOrderAndMetadataAreNotSigned() throws Exception {
    ObjectNode record = signedRecord();
    ObjectNode reordered = new ObjectMapper().createObjectNode();
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = record.get("spec").fields(); it.hasNext(); ) {
      members.add(it.next());
    }
    java.util.Collections.reverse(members);
    members.forEach(m -> reordered.set(m.getKey(), m.getValue()));
    ObjectNode copy = record.deepCopy();
    copy.set("spec", reordered);
    ((ObjectNode) copy.get("metadata")).put("name", "renamed").putObject("labels").put("team", "a");
    assertThat(ImageScanCheck.of(copy, TRUSTED).verified()).isTrue();
  }

  @Test
  void aRecordSignedByAnUntrustedKeyOrUnsignedIsRefused() throws Exception {
    ObjectNode record = signedRecord();
    ImageScanKeys other = ImageScanKeys.of(List.of(new Ed25519PrivateKeyParameters(new SecureRandom()).generatePublicKey()));
    assertThat(ImageScanCheck.of(record, other).problem()).contains("which is not trusted");
    ObjectNode unsigned = record.deepCopy();
    ((ObjectNode) unsigned.get("spec")).remove("signature");
    assertThat(ImageScanCheck.of(unsigned, TRUSTED).problem()).isEqualTo("the record is not signed");
    ObjectNode garbage = record.deepCopy();
    ((ObjectNode) garbage.at("/spec/signature")).put("value", "!!not base64!!");
    assertThat(ImageScanCheck.of(garbage, TRUSTED).problem()).isEqualTo("the signature is not base64");
  }

  @Test
  void malformedRecordsNameTheField() throws Exception {
    ObjectNode record = signedRecord();
    ((ObjectNode) record.get("spec")).put("digest", "sha256:abc");
    ImageScanCheck check = ImageScanCheck.of(record, TRUSTED);
    assertThat(check.pointer()).isEqualTo("/spec/digest");
    assertThat(check.problem()).contains("is not a sha256 digest");
    ObjectNode badTime = signedRecord();
    ((ObjectNode) badTime.get("spec")).put("scannedAt", "yesterday");
    assertThat(ImageScanCheck.of(badTime, TRUSTED).problem()).contains("spec.scannedAt \"yesterday\" is not an RFC 3339 time");
    ObjectNode floatCount = signedRecord();
    ((ObjectNode) floatCount.at("/spec/summary")).put("HIGH", 1.5);
    assertThat(ImageScanCheck.of(floatCount, TRUSTED).problem()).startsWith("the record cannot be put in canonical form");
  }

  private static void leaves(JsonNode node, String at, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> leaves(e.getValue(), at + "/" + e.getKey(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        leaves(node.get(i), at + "/" + i, out);
      }
    } else {
      out.add(at);
    }
  }
}
