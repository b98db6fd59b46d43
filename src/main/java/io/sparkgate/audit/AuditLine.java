package io.sparkgate.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.admission.GroupVersionKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON encoding of one log line. Every line starts with {@code {"seq":N,"prev":"<sha256 hex>",}
 * followed by {@code "type"}; the hash chain covers the exact bytes written, so nothing here is
 * ever re-serialised for verification. Checkpoint lines end with {@code ,"sig":"<base64>"}} and
 * the signature covers every byte before {@code ,"sig":}.
 */
final class AuditLine {
  static final String TYPE_DECISION = "decision";
  static final String TYPE_CHECKPOINT = "checkpoint";
  static final byte[] SIG_MARKER = ",\"sig\":\"".getBytes(StandardCharsets.US_ASCII);

  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper TREE = new ObjectMapper(JSON);

  private AuditLine() {}

  static String formatTime(Instant time) {
    return RFC3339_MILLIS.format(time);
  }

  /** {@code {"seq":N,"prev":"hex",} — the part of every line that only the writer thread knows. */
  static byte[] chainPrefix(long seq, String prevHex) {
    return ("{\"seq\":" + seq + ",\"prev\":\"" + prevHex + "\",").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The decision fields of a record line without its opening brace, so that chainPrefix + body is
   * the complete line. Encoded on the caller's thread to keep the single writer thread lean.
   */
  static byte[] encodeDecisionBody(AuditRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", TYPE_DECISION);
      g.writeStringField("time", formatTime(r.time()));
      g.writeStringField("uid", r.uid());
      g.writeStringField("endpoint", r.endpoint().wireName());
      g.writeStringField("operation", r.operation());
      g.writeObjectFieldStart("kind");
      g.writeStringField("group", r.kind().group());
      g.writeStringField("version", r.kind().version());
      g.writeStringField("kind", r.kind().kind());
      g.writeEndObject();
      g.writeStringField("resource", r.resource());
      g.writeStringField("subResource", r.subResource());
      g.writeStringField("namespace", r.namespace());
      g.writeStringField("name", r.name());
      g.writeObjectFieldStart("user");
      g.writeStringField("username", r.user().username());
      writeStrings(g, "groups", r.user().groups());
      g.writeEndObject();
      g.writeBooleanField("dryRun", r.dryRun());
      g.writeBooleanField("allowed", r.allowed());
      g.writeObjectFieldStart("status");
      g.writeNumberField("code", r.statusCode());
      g.writeStringField("message", r.statusMessage());
      g.writeEndObject();
      g.writeArrayFieldStart("policies");
      for (PolicyOutcome p : r.policies()) {
        g.writeStartObject();
        g.writeStringField("policy", p.policy());
        g.writeStringField("binding", p.binding());
        g.writeStringField("action", p.action());
        g.writeStringField("outcome", p.outcome());
        g.writeStringField("message", p.message());
        if (p.wouldHaveBeen() != null) {
          g.writeStringField("wouldHaveBeen", p.wouldHaveBeen());
        }
        if (p.exception() != null) {
          g.writeStringField("exception", p.exception());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      writeStrings(g, "warnings", r.warnings());
      writeStrings(g, "patchPaths", r.patchPaths());
      g.writeStringField("policySetHash", r.policySetHash());
      g.writeNumberField("latencyMicros", r.latencyMicros());
      g.writeStringField("instance", r.instanceId());
      if (!r.images().isEmpty()) {
        g.writeArrayFieldStart("images");
        for (ImageEvidence image : r.images()) {
          g.writeStartObject();
          g.writeStringField("image", image.image());
          g.writeStringField("digest", image.digest());
          g.writeStringField("scannedAt", image.scannedAt());
          g.writeStringField("keyId", image.keyId());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (r.cost() != null) {
        RunCostJson.write(g, r.cost());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode audit record " + r.uid(), e);
    }
    byte[] object = out.toByteArray();
    byte[] body = new byte[object.length - 1];
    System.arraycopy(object, 1, body, 0, body.length);
    return body;
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** The signed part of a checkpoint line: everything before {@code ,"sig":}. */
  static byte[] checkpointSignedPart(
      long seq, String prevHex, Instant time, String instance, CheckpointReason reason, long repairedBytes, String keyId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", TYPE_CHECKPOINT);
      g.writeStringField("time", formatTime(time));
      g.writeStringField("instance", instance);
      g.writeStringField("reason", reason.wireName());
      if (repairedBytes > 0) {
        g.writeNumberField("repairedBytes", repairedBytes);
      }
      g.writeStringField("keyId", keyId);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] object = out.toByteArray();
    byte[] prefix = chainPrefix(seq, prevHex);
    // Drop the generated object's '{' and '}': the line continues with the signature field.
    byte[] r = new byte[prefix.length + object.length - 2];
    System.arraycopy(prefix, 0, r, 0, prefix.length);
    System.arraycopy(object, 1, r, prefix.length, object.length - 2);
    return r;
  }

  static byte[] checkpointLine(byte[] signedPart, String signatureBase64) {
    return concat(signedPart, (",\"sig\":\"" + signatureBase64 + "\"}").getBytes(StandardCharsets.US_ASCII));
  }

  /** Parses a line (without newline); throws {@link MalformedLineException} with a reason. */
  static Parsed parse(byte[] line) throws MalformedLineException {
    JsonNode node;
    try {
      node = TREE.readTree(line);
    } catch (IOException e) {
      throw new MalformedLineException("not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedLineException("not a JSON object");
    }
    JsonNode seq = node.get("seq");
    JsonNode prev = node.get("prev");
    JsonNode type = node.get("type");
    if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber()) {
      throw new MalformedLineException("missing or invalid \"seq\"");
    }
    if (prev == null || !prev.isTextual() || prev.asText().length() != 64) {
      throw new MalformedLineException("missing or invalid \"prev\"");
    }
    if (type == null || !(TYPE_DECISION.equals(type.asText()) || TYPE_CHECKPOINT.equals(type.asText()))) {
      throw new MalformedLineException("missing or unknown \"type\"");
    }
    return new Parsed(seq.asLong(), prev.asText(), type.asText(), node);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unparseable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A parsed line; {@code node} gives access to the remaining fields. */
  record Parsed(long seq, String prev, String type, JsonNode node) {
    boolean isCheckpoint() {
      return TYPE_CHECKPOINT.equals(type);
    }

    String text(String field) {
      JsonNode v = node.get(field);
      return v == null || v.isNull() ? null : v.asText();
    }

    AuditRecord toRecord() {
      JsonNode kind = node.path("kind");
      JsonNode user = node.path("user");
      JsonNode status = node.path("status");
      List<PolicyOutcome> policies = new ArrayList<>();
      for (JsonNode p : node.path("policies")) {
        policies.add(new PolicyOutcome(
            str(p, "policy"), str(p, "binding"), str(p, "action"), str(p, "outcome"), str(p, "message"),
            str(p, "wouldHaveBeen"), str(p, "exception")));
      }
      String endpoint = text("endpoint");
      String time = text("time");
      return new AuditRecord(
          time == null ? Instant.EPOCH : Instant.parse(time),
          String.valueOf(text("uid")),
          endpoint == null ? Endpoint.VALIDATE : Endpoint.fromWireName(endpoint),
          text("operation"),
          new GroupVersionKind(str(kind, "group"), str(kind, "version"), str(kind, "kind")),
          text("resource"),
          text("subResource"),
          text("namespace"),
          text("name"),
          new UserRef(str(user, "username"), strings(user.path("groups"))),
          node.path("dryRun").asBoolean(),
          node.path("allowed").asBoolean(),
          status.path("code").asInt(),
          str(status, "message"),
          policies,
          strings(node.path("warnings")),
          strings(node.path("patchPaths")),
          text("policySetHash"),
          node.path("latencyMicros").asLong(),
          text("instance"),
          images(node.path("images")),
          RunCostJson.read(node.get("cost")));
    }

    private static String str(JsonNode parent, String field) {
      JsonNode v = parent.get(field);
      return v == null || v.isNull() ? null : v.asText();
    }

    private static List<ImageEvidence> images(JsonNode array) {
      List<ImageEvidence> images = new ArrayList<>();
      for (JsonNode v : array) {
        images.add(new ImageEvidence(str(v, "image"), str(v, "digest"), str(v, "scannedAt"), str(v, "keyId")));
      }
      return images;
    }

    private static List<String> strings(JsonNode array) {
      List<String> r = new ArrayList<>();
      for (JsonNode v : array) {
        r.add(v.asText());
      }
      return r;
    }
  }

  static final class MalformedLineException extends Exception {
    MalformedLineException(String message) {
      super(message);
    }
  }
}
