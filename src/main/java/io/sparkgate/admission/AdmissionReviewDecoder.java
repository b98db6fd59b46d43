package io.sparkgate.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses an {@code admission.k8s.io/v1} AdmissionReview once and checks what the engine needs. */
public final class AdmissionReviewDecoder {
  public static final String API_VERSION = "admission.k8s.io/v1";
  public static final String KIND = "AdmissionReview";
  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
  private static final Set<String> NOT_FOR_CEL = Set.of("uid", "object", "oldObject");

  private final ObjectMapper mapper;

  /** @param maxNesting the deepest JSON nesting accepted, objects and arrays counted */
  public AdmissionReviewDecoder(int maxNesting) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxNesting)
                    .maxNumberLength(100)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper = new ObjectMapper(factory);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public JsonNode parse(byte[] body) throws InvalidReviewException {
    if (body.length == 0) {
      throw new InvalidReviewException("request body is empty: expected an AdmissionReview");
    }
    try (JsonParser parser = mapper.createParser(body)) {
      JsonNode tree = mapper.readTree(parser);
      if (parser.nextToken() != null) {
        throw new InvalidReviewException("request body has content after the AdmissionReview");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new InvalidReviewException("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidReviewException("request body could not be read: " + e.getMessage());
    }
  }

  public AdmissionRequest decode(byte[] body) throws InvalidReviewException {
    return decode(parse(body));
  }

  public AdmissionRequest decode(JsonNode review) throws InvalidReviewException {
    if (review == null || !review.isObject()) {
      throw new InvalidReviewException("request body is not a JSON object: expected an AdmissionReview");
    }
    String apiVersion = text(review, "apiVersion", "");
    String kind = text(review, "kind", "");
    if (!KIND.equals(kind)) {
      throw new InvalidReviewException("kind must be \"" + KIND + "\", got \"" + kind + "\"");
    }
    if (!API_VERSION.equals(apiVersion)) {
      throw new InvalidReviewException(
          "apiVersion must be \"" + API_VERSION + "\", got \"" + apiVersion + "\"");
    }
    JsonNode request = review.get("request");
    if (request == null || request.isNull()) {
      throw new InvalidReviewException("AdmissionReview has no request");
    }
    if (!request.isObject()) {
      throw new InvalidReviewException("request must be an object");
    }
    String uid = text(request, "uid", "");
    if (uid.isEmpty()) {
      throw new InvalidReviewException("request.uid is missing or empty");
    }
    String operation = text(request, "operation", "");
    if (!OPERATIONS.contains(operation)) {
      throw new InvalidReviewException(
          "request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got \"" + operation + "\"");
    }
    GroupVersionKind gvk = kindOf(request, "kind");
    GroupVersionResource gvr = resourceOf(request, "resource");
    JsonNode userInfo = optionalObject(request, "userInfo");
    String username = userInfo == null ? "" : text(userInfo, "username", "");
    List<String> groups = userInfo == null ? List.of() : strings(userInfo, "groups", "request.userInfo.groups");
    JsonNode object = optionalObject(request, "object");
    JsonNode oldObject = optionalObject(request, "oldObject");
    JsonNode dryRun = request.get("dryRun");
    if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
      throw new InvalidReviewException("request.dryRun must be a boolean");
    }
    if ((operation.equals("CREATE") || operation.equals("UPDATE")) && object == null) {
      throw new InvalidReviewException("request.object is required for " + operation);
    }
    ObjectNode cel = mapper.createObjectNode();
    request.properties().forEach(field -> {
      if (!NOT_FOR_CEL.contains(field.getKey())) {
        cel.set(field.getKey(), field.getValue());
      }
    });
    return new AdmissionRequest(
        uid,
        gvk,
        gvr,
        text(request, "subResource", ""),
        text(request, "name", ""),
        text(request, "namespace", ""),
        operation,
        username,
        groups,
        dryRun != null && dryRun.asBoolean(false),
        object,
        oldObject,
        cel);
  }

  private static GroupVersionKind kindOf(JsonNode request, String field) throws InvalidReviewException {
    JsonNode node = request.get(field);
    if (node == null || !node.isObject()) {
      throw new InvalidReviewException("request." + field + " is missing or not an object");
    }
    String kind = text(node, "kind", "");
    String version = text(node, "version", "");
    if (kind.isEmpty() || version.isEmpty()) {
      throw new InvalidReviewException("request." + field + " must name a version and a kind");
    }
    return new GroupVersionKind(text(node, "group", ""), version, kind);
  }

  private static GroupVersionResource resourceOf(JsonNode request, String field)
      throws InvalidReviewException {
    JsonNode node = request.get(field);
    if (node == null || !node.isObject()) {
      throw new InvalidReviewException("request." + field + " is missing or not an object");
    }
    String resource = text(node, "resource", "");
    String version = text(node, "version", "");
    if (resource.isEmpty() || version.isEmpty()) {
      throw new InvalidReviewException("request." + field + " must name a version and a resource");
    }
    return new GroupVersionResource(text(node, "group", ""), version, resource);
  }

  private static JsonNode optionalObject(JsonNode parent, String field) throws InvalidReviewException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new InvalidReviewException("request." + field + " must be an object");
    }
    return node;
  }

  private static String text(JsonNode parent, String field, String fallback) throws InvalidReviewException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isTextual()) {
      throw new InvalidReviewException(field + " must be a string");
    }
    return node.textValue();
  }

  private static List<String> strings(JsonNode parent, String field, String path)
      throws InvalidReviewException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidReviewException(path + " must be a list of strings");
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new InvalidReviewException(path + " must be a list of strings");
      }
      values.add(item.textValue());
    }
    return List.copyOf(values);
  }
}
