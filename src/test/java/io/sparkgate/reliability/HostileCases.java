package io.sparkgate.reliability;

import static io.sparkgate.reliability.RawHttps.post;
import static io.sparkgate.reliability.RawHttps.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generates the hostile-input cases from one valid review of a Spark driver pod. */
final class HostileCases {
  static final String SECRET = "planted-secret-5e1f0c9a";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonNode[] ONE_OF_EACH_TYPE = {
      NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(7), NODES.numberNode(2.5),
      NODES.textNode("x"), NODES.arrayNode(), NODES.objectNode()};

  private final int maxBodyBytes;
  private final List<HostileCase> cases = new ArrayList<>();

  private HostileCases(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  static List<HostileCase> all(int maxBodyBytes) {
    HostileCases generator = new HostileCases(maxBodyBytes);
    generator.wrongTypes();
    generator.missingFields();
    generator.truncated();
    generator.malformed();
    generator.invalidUtf8();
    generator.duplicateKeys();
    generator.wrongEnvelope();
    generator.deepNesting();
    generator.huge();
    generator.http();
    return generator.cases;
  }

  /** A CREATE of a Spark driver pod, carrying a secret in an env var and an annotation. */
  static ObjectNode validReview() {
    try {
      return (ObjectNode) JSON.readTree("""
          {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
            "uid":"%s","kind":{"group":"","version":"v1","kind":"Pod"},
            "resource":{"group":"","version":"v1","resource":"pods"},
            "name":"spark-pi-driver","namespace":"spark-jobs","operation":"CREATE",
            "userInfo":{"username":"system:serviceaccount:spark:spark","groups":["system:authenticated"]},
            "object":{"apiVersion":"v1","kind":"Pod",
              "metadata":{"name":"spark-pi-driver","namespace":"spark-jobs",
                "labels":{"spark-role":"driver","spark-app-selector":"spark-0001"},
                "annotations":{"token":"%s"}},
              "spec":{"serviceAccountName":"spark","containers":[{"name":"spark-kubernetes-driver",
                "image":"apache/spark:3.5.1","args":["driver"],
                "env":[{"name":"DB_PASSWORD","value":"%s"}],
                "resources":{"requests":{"cpu":"1","memory":"1408Mi"},"limits":{"memory":"1408Mi"}},
                "securityContext":{"runAsNonRoot":true,"allowPrivilegeEscalation":false}}]}},
            "dryRun":false}}""".formatted(HostileCase.UID, SECRET, SECRET));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void add(String family, String name, byte[] raw) {
    cases.add(HostileCase.anyClearAnswer(family, name, raw));
  }

  private static String endpoint(int index) {
    return index % 3 == 2 ? "/mutate" : "/validate";
  }

  /** Every node of the review replaced by a value of each other JSON type. */
  private void wrongTypes() {
    List<String> pointers = new ArrayList<>();
    collect(validReview(), "", pointers);
    int index = 0;
    for (String pointer : pointers) {
      for (JsonNode replacement : ONE_OF_EACH_TYPE) {
        ObjectNode review = validReview();
        JsonNode original = review.at(pointer);
        if (original.getNodeType() == replacement.getNodeType()) {
          continue;
        }
        JsonNode changed = replace(review, pointer, replacement.deepCopy());
        add("wrong-type", (pointer.isEmpty() ? "/" : pointer) + " as " + replacement.getNodeType(),
            post(endpoint(index++), bytes(changed)));
      }
    }
  }

  /** Every member and item of the review removed, one at a time. */
  private void missingFields() {
    List<String> pointers = new ArrayList<>();
    collect(validReview(), "", pointers);
    int index = 0;
    for (String pointer : pointers) {
      if (pointer.isEmpty()) {
        continue;
      }
      ObjectNode review = validReview();
      remove(review, pointer);
      add("missing-field", pointer, post(endpoint(index++), bytes(review)));
    }
  }

  private void truncated() {
    byte[] valid = bytes(validReview());
    for (int i = 1; i <= 30; i++) {
      int length = (int) ((long) valid.length * i / 31);
      add("truncated", length + " of " + valid.length + " bytes", post(endpoint(i), java.util.Arrays.copyOf(valid, length)));
    }
  }

  private void malformed() {
    String valid = new String(bytes(validReview()), StandardCharsets.UTF_8);
    String[] bodies = {
        "", " ", "{", "}", "[", "]", "nul", "tru", "null", "true", "42", "\"text\"", "[]", "[{}]",
        "{'apiVersion':'admission.k8s.io/v1'}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,2,]",
        "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":1e999999}", "{\"a\":" + "9".repeat(200) + "}",
        "{\"a\":01}", "/* comment */ {}", "{\"a\":\"line\nbreak\"}", "{\"a\":\"\u0001\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\x41\"}", "{} {}", valid + " {}", valid + "]",
        "\uFEFF" + valid, valid.replace("\"CREATE\"", "CREATE"), valid.replace(":", "="),
        valid.replace("\"uid\"", "uid"), valid.replaceFirst("\\{", "["),
        valid.replace("\"dryRun\":false", "\"dryRun\":False")};
    for (int i = 0; i < bodies.length; i++) {
      add("malformed", "body " + i, post(endpoint(i), bodies[i].getBytes(StandardCharsets.UTF_8)));
    }
    Random random = new Random(20_241_123);
    byte[] base = bytes(validReview());
    for (int i = 0; i < 20; i++) {
      byte[] flipped = base.clone();
      for (int flips = 0; flips < 1 + i % 4; flips++) {
        flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
      }
      add("malformed", "random bytes changed, seed case " + i, post(endpoint(i), flipped));
    }
  }

  private void invalidUtf8() {
    byte[][] sequences = {
        {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFE, (byte) 0xFF}};
    String[] placesToBreak = {"spark-pi-driver", "spark-jobs", HostileCase.UID, "spark-role", SECRET, "CREATE"};
    byte[] valid = bytes(validReview());
    int index = 0;
    for (byte[] sequence : sequences) {
      for (String place : placesToBreak) {
        add("invalid-utf8", hex(sequence) + " in \"" + (place.equals(SECRET) ? "the secret" : place) + "\"",
            post(endpoint(index++), insertAfterFirst(valid, place, sequence)));
      }
    }
  }

  private void duplicateKeys() {
    String valid = new String(bytes(validReview()), StandardCharsets.UTF_8);
    String[][] duplicates = {
        {"\"kind\":\"AdmissionReview\"", "\"kind\":\"AdmissionReview\",\"kind\":\"AdmissionReview\""},
        {"\"uid\":\"" + HostileCase.UID + "\"", "\"uid\":\"" + HostileCase.UID + "\",\"uid\":\"other\""},
        {"\"operation\":\"CREATE\"", "\"operation\":\"DELETE\",\"operation\":\"CREATE\""},
        {"\"name\":\"spark-pi-driver\",\"namespace\"", "\"name\":\"a\",\"name\":\"spark-pi-driver\",\"namespace\""},
        {"\"spark-role\":\"driver\"", "\"spark-role\":\"driver\",\"spark-role\":\"executor\""},
        {"\"runAsNonRoot\":true", "\"runAsNonRoot\":true,\"runAsNonRoot\":false"},
        {"\"dryRun\":false", "\"dryRun\":false,\"dryRun\":true"}};
    for (int i = 0; i < duplicates.length; i++) {
      add("duplicate-key", duplicates[i][0], post(endpoint(i), valid.replaceFirst(
          java.util.regex.Pattern.quote(duplicates[i][0]), java.util.regex.Matcher.quoteReplacement(duplicates[i][1]))
          .getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void wrongEnvelope() {
    String[][] envelopes = {
        {"admission.k8s.io/v1beta1", "AdmissionReview"}, {"v1", "AdmissionReview"}, {"", "AdmissionReview"},
        {"admission.k8s.io/v2", "AdmissionReview"}, {"admission.k8s.io/v1", "AdmissionReviewList"},
        {"admission.k8s.io/v1", "Pod"}, {"admission.k8s.io/v1", "admissionreview"}, {"admission.k8s.io/v1", ""}};
    int index = 0;
    for (String[] envelope : envelopes) {
      ObjectNode review = validReview();
      review.put("apiVersion", envelope[0]).put("kind", envelope[1]);
      add("wrong-envelope", envelope[0] + " " + envelope[1], post(endpoint(index++), bytes(review)));
    }
    ObjectNode answerInsteadOfQuestion = validReview();
    answerInsteadOfQuestion.set("response", answerInsteadOfQuestion.remove("request"));
    add("wrong-envelope", "response instead of request", post("/validate", bytes(answerInsteadOfQuestion)));
    for (String operation : new String[] {"PATCH", "create", "", "CREATE ", "DELETE"}) {
      ObjectNode review = validReview();
      ((ObjectNode) review.get("request")).put("operation", operation);
      add("wrong-envelope", "operation \"" + operation + "\"", post(endpoint(index++), bytes(review)));
    }
  }

  private void deepNesting() {
    for (int depth : new int[] {101, 200, 1_000, 100_000}) {
      add("deep-nesting", "array " + depth, post("/validate", ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8)));
      add("deep-nesting", "object " + depth, post("/mutate",
          ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8)));
      String inside = new String(bytes(validReview()), StandardCharsets.UTF_8)
          .replace("\"serviceAccountName\":\"spark\"", "\"serviceAccountName\":\"spark\",\"deep\":"
              + "[{\"a\":".repeat(depth / 2) + "1" + "}]".repeat(depth / 2));
      add("deep-nesting", "inside the object " + depth, post(endpoint(depth), inside.getBytes(StandardCharsets.UTF_8)));
    }
    // just under the limit of 100: answered normally
    String shallow = new String(bytes(validReview()), StandardCharsets.UTF_8)
        .replace("\"serviceAccountName\":\"spark\"", "\"serviceAccountName\":\"spark\",\"deep\":"
            + "[".repeat(90) + "1" + "]".repeat(90));
    cases.add(HostileCase.status("deep-nesting", "90 levels inside the object", post("/validate", shallow.getBytes(StandardCharsets.UTF_8)), 200));
  }

  private void huge() {
    ObjectNode bigString = validReview();
    ((ObjectNode) bigString.at("/request/object/metadata/annotations")).put("blob", "s".repeat(maxBodyBytes - 4096));
    cases.add(HostileCase.status("huge", "string of " + (maxBodyBytes - 4096) + " characters", post("/validate", bytes(bigString)), 200));
    ObjectNode bigMap = validReview();
    ObjectNode labels = (ObjectNode) bigMap.at("/request/object/metadata/labels");
    for (int i = 0; i < 150_000; i++) {
      labels.put("k" + i, "v");
    }
    cases.add(HostileCase.status("huge", "map of 150000 labels", post("/mutate", bytes(bigMap)), 200));
    ObjectNode bigArray = validReview();
    ArrayNode args = (ArrayNode) bigArray.at("/request/object/spec/containers/0/args");
    for (int i = 0; i < 600_000; i++) {
      args.add(i);
    }
    cases.add(HostileCase.status("huge", "array of 600000 items", post("/validate", bytes(bigArray)), 200));
    ObjectNode manyContainers = validReview();
    ArrayNode containers = (ArrayNode) manyContainers.at("/request/object/spec/containers");
    JsonNode container = containers.get(0);
    for (int i = 0; i < 5_000; i++) {
      containers.add(((ObjectNode) container.deepCopy()).put("name", "c" + i));
    }
    cases.add(HostileCase.status("huge", "5000 containers", post("/mutate", bytes(manyContainers)), 200));
    ObjectNode overLimit = validReview();
    ((ObjectNode) overLimit.at("/request/object/metadata/annotations")).put("blob", "s".repeat(maxBodyBytes + 1024));
    cases.add(HostileCase.status("huge", "body over the limit", post("/validate", bytes(overLimit)), 413));
    cases.add(HostileCase.status("huge", "declared length over the limit",
        ("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 9999999999\r\n\r\n{")
            .getBytes(StandardCharsets.ISO_8859_1), 413));
  }

  private void http() {
    byte[] valid = bytes(validReview());
    for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"}) {
      for (String path : new String[] {"/validate", "/mutate"}) {
        cases.add(HostileCase.status("http", method + " " + path, request(method, path, "application/json",
            method.equals("GET") || method.equals("TRACE") ? new byte[0] : valid), 405));
      }
    }
    cases.add(new HostileCase("http", "HEAD /validate", request("HEAD", "/validate", null, new byte[0]), 405, true, false));
    // only the exact paths: "/validate/" and "/%2e%2e/validate" are not aliases of /validate
    for (String path : new String[] {"/validate/", "/%2e%2e/validate", "/", "/VALIDATE", "/validate/extra", "/healthz", "/metrics", "/../../etc/passwd", "/" + "a".repeat(3_000), "/mutate%00", "/admission/validate"}) {
      cases.add(HostileCase.status("http", "POST " + (path.length() > 40 ? path.substring(0, 40) + "…" : path),
          post(path, valid), 404));
    }
    cases.add(HostileCase.status("http", "query string is ignored", post("/validate?timeout=10s", valid), 200));
    cases.add(HostileCase.status("http", "content type with charset",
        request("POST", "/validate", "application/json; charset=utf-8", valid), 200));
    for (String type : new String[] {null, "text/plain", "application/yaml", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded"}) {
      cases.add(HostileCase.status("http", "content type " + type, request("POST", "/validate", type, valid), 415));
    }
    String head = "POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n";
    cases.add(HostileCase.status("http", "header over 16 KiB",
        (head + "X-Big: " + "b".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1), 431));
    cases.add(HostileCase.status("http", "request line over the limit",
        ("POST /" + "p".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 414));
    cases.add(HostileCase.status("http", "garbage request line", "GARBAGE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 400));
    cases.add(HostileCase.status("http", "binary request line", new byte[] {0, 1, 2, (byte) 0xFF, '\r', '\n', '\r', '\n'}, 400));
    cases.add(HostileCase.status("http", "chunked body", chunked(head, valid, "%x"), 200));
    cases.add(HostileCase.status("http", "chunk size not hex", chunked(head, valid, "zz"), 400));
    add("http", "content length and chunked", chunked(head + "Content-Length: 5\r\n", valid, "%x"));
    add("http", "negative content length", (head + "Content-Length: -5\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
    add("http", "content length not a number", (head + "Content-Length: ten\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
    add("http", "content length shorter than the body",
        concat((head + "Content-Length: 10\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), valid));
    add("http", "HTTP/1.0", concat(("POST /validate HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: "
        + valid.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), valid));
    add("http", "header with a NUL", (head + "X-Bad: a\u0000b\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
    add("http", "header without a colon", (head + "NoColonHere\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] chunked(String head, byte[] body, String sizeFormat) {
    String size = sizeFormat.equals("%x") ? Integer.toHexString(body.length) : sizeFormat;
    return concat((head + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
        body, "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] insertAfterFirst(byte[] document, String marker, byte[] inserted) {
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + needle.length <= document.length; i++) {
      if (java.util.Arrays.equals(document, i, i + needle.length, needle, 0, needle.length)) {
        int at = i + needle.length / 2;
        return concat(java.util.Arrays.copyOf(document, at), inserted,
            java.util.Arrays.copyOfRange(document, at, document.length));
      }
    }
    throw new IllegalArgumentException(marker + " not in the document");
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      text.append(String.format("%02X", b & 0xFF));
    }
    return text.toString();
  }

  /** JSON Pointers of every node, the root ("") included. */
  private static void collect(JsonNode node, String pointer, List<String> out) {
    out.add(pointer);
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collect(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, out);
      }
    }
  }

  private static JsonNode replace(ObjectNode root, String pointer, JsonNode value) {
    if (pointer.isEmpty()) {
      return value;
    }
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(last), value);
    }
    return root;
  }

  private static void remove(ObjectNode root, String pointer) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      object.remove(last);
    } else {
      ((ArrayNode) parent).remove(Integer.parseInt(last));
    }
  }
}
