package io.sparkgate.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A {@code sparkgate.io/v1 ImageScan}: what one scan found in one image, identified by its digest.
 * The signature covers {@link #signedBytes(JsonNode) the canonical form} of the whole object but its
 * metadata and {@code spec.signature}.
 */
public record ImageScan(
    String digest,
    String repository,
    Scanner scanner,
    String scannedAt,
    List<Finding> vulnerabilities,
    Signature signature) {

  public static final String API_VERSION = "sparkgate.io/v1";
  public static final String KIND = "ImageScan";
  static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** The tool that scanned the image. The version is empty where the report does not give it. */
  public record Scanner(String name, String version) {}

  /** An Ed25519 signature (base64) and the id of the key that made it. */
  public record Signature(String keyId, String value) {}

  public ImageScan {
    vulnerabilities = List.copyOf(new TreeSet<>(vulnerabilities));
  }

  public static boolean isImageScan(JsonNode object) {
    return KIND.equals(object.path("kind").asText()) && API_VERSION.equals(object.path("apiVersion").asText());
  }

  public Instant scannedAtInstant() {
    return Instant.parse(scannedAt);
  }

  /** Distinct vulnerability ids per severity, every severity present. */
  public Map<Severity, Long> counts() {
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0L);
    }
    for (Finding finding : vulnerabilities) {
      counts.merge(finding.severity(), 1L, Long::sum);
    }
    return counts;
  }

  /** The object's name: {@code sha256-<hex>}, one record per image digest. */
  public String objectName() {
    return digest.replace(':', '-');
  }

  public ImageScan withSignature(Signature signature) {
    return new ImageScan(digest, repository, scanner, scannedAt, vulnerabilities, signature);
  }

  /** The Kubernetes object of this record. */
  public ObjectNode toObject() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode object = f.objectNode();
    object.put("apiVersion", API_VERSION).put("kind", KIND);
    object.putObject("metadata").put("name", objectName());
    ObjectNode spec = object.putObject("spec");
    spec.put("digest", digest).put("repository", repository);
    spec.putObject("scanner").put("name", scanner.name()).put("version", scanner.version());
    spec.put("scannedAt", scannedAt);
    ObjectNode summary = spec.putObject("summary");
    counts().forEach((severity, count) -> summary.put(severity.name(), count));
    var list = spec.putArray("vulnerabilities");
    for (Finding finding : vulnerabilities) {
      list.addObject().put("id", finding.id()).put("severity", finding.severity().name());
    }
    if (signature != null) {
      spec.putObject("signature").put("keyId", signature.keyId()).put("value", signature.value());
    }
    return object;
  }

  /**
   * The bytes the signature covers: the RFC 8785 canonical JSON of {@code {apiVersion, kind, spec}}
   * with {@code spec.signature} left out, exactly as the object holds them.
   */
  public static byte[] signedBytes(JsonNode object) {
    ObjectNode covered = JsonNodeFactory.instance.objectNode();
    covered.set("apiVersion", object.path("apiVersion"));
    covered.set("kind", object.path("kind"));
    JsonNode spec = object.path("spec");
    ObjectNode unsigned = spec.isObject() ? ((ObjectNode) spec).deepCopy() : JsonNodeFactory.instance.objectNode();
    unsigned.remove("signature");
    covered.set("spec", unsigned);
    return CanonicalJson.bytes(covered);
  }

  /** Reads and checks the shape of an ImageScan object; the summary must agree with the findings. */
  public static ImageScan fromObject(JsonNode object) throws ImageScanException {
    JsonNode spec = object.path("spec");
    if (!spec.isObject()) {
      throw new ImageScanException("/spec", "spec is missing or not an object");
    }
    String digest = text(spec, "digest");
    if (!DIGEST.matcher(digest).matches()) {
      throw new ImageScanException("/spec/digest", "spec.digest \"" + shorten(digest)
          + "\" is not a sha256 digest (sha256: and 64 lower-case hex digits)");
    }
    String repository = text(spec, "repository");
    JsonNode scannerNode = spec.path("scanner");
    Scanner scanner = new Scanner(text(scannerNode, "name", "/spec/scanner"),
        scannerNode.path("version").asText(""));
    String scannedAt = text(spec, "scannedAt");
    try {
      Instant.parse(scannedAt);
    } catch (DateTimeParseException e) {
      throw new ImageScanException("/spec/scannedAt",
          "spec.scannedAt \"" + shorten(scannedAt) + "\" is not an RFC 3339 time such as 2026-12-01T10:00:00Z");
    }
    List<Finding> findings = new ArrayList<>();
    JsonNode list = spec.path("vulnerabilities");
    if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
      throw new ImageScanException("/spec/vulnerabilities", "spec.vulnerabilities is not a list");
    }
    int index = 0;
    for (JsonNode item : list) {
      String at = "/spec/vulnerabilities/" + index++;
      String id = text(item, "id", at);
      Severity severity = Severity.named(text(item, "severity", at));
      if (severity == null) {
        throw new ImageScanException(at + "/severity", "spec.vulnerabilities severity \""
            + shorten(item.path("severity").asText()) + "\" is not CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN");
      }
      findings.add(new Finding(id, severity));
    }
    Signature signature = null;
    JsonNode sig = spec.path("signature");
    if (sig.isObject()) {
      signature = new Signature(sig.path("keyId").asText(""), sig.path("value").asText(""));
    }
    return new ImageScan(digest, repository, scanner, scannedAt, findings, signature);
  }

  private static String text(JsonNode spec, String field) throws ImageScanException {
    return text(spec, field, "/spec");
  }

  private static String text(JsonNode parent, String field, String at) throws ImageScanException {
    JsonNode value = parent.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      String dotted = (at + "/" + field).substring(1).replaceAll("/\\d+/", "[].").replace('/', '.');
      throw new ImageScanException(at + "/" + field, dotted + " is missing or not a string");
    }
    return value.asText();
  }

  static String shorten(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
