package io.sparkgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.admission.ClusterScopedKinds;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the AdmissionReview the API server would send for a bare object, for {@code eval} and
 * {@code test}: kind and resource from the object, the rest from the caller.
 */
public final class ReviewBuilder {
  private String namespace;
  private String operation = "CREATE";
  private String username = "sparkgate-eval";
  private List<String> groups = List.of("system:authenticated");
  private JsonNode oldObject;
  private boolean dryRun;
  private String subResource = "";

  public ReviewBuilder namespace(String value) {
    this.namespace = value;
    return this;
  }

  public ReviewBuilder operation(String value) {
    this.operation = value.toUpperCase(Locale.ROOT);
    return this;
  }

  public ReviewBuilder user(String value, List<String> userGroups) {
    this.username = value;
    this.groups = userGroups;
    return this;
  }

  public ReviewBuilder oldObject(JsonNode value) {
    this.oldObject = value;
    return this;
  }

  public ReviewBuilder subResource(String value) {
    this.subResource = value == null ? "" : value;
    return this;
  }

  public ReviewBuilder dryRun(boolean value) {
    this.dryRun = value;
    return this;
  }

  /** True when the document is an AdmissionReview rather than a bare object. */
  public static boolean isReview(JsonNode document) {
    return "AdmissionReview".equals(document.path("kind").asText());
  }

  public ObjectNode build(JsonNode object) {
    JsonNode subject = object != null && !object.isNull() ? object : oldObject;
    if (subject == null) {
      throw new IllegalArgumentException("an object or an old object is needed");
    }
    String apiVersion = subject.path("apiVersion").asText("");
    String kind = subject.path("kind").asText("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new IllegalArgumentException("the object has no apiVersion or kind");
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    JsonNode metadata = subject.path("metadata");
    String ns = namespace != null ? namespace : metadata.path("namespace").asText("");
    if (namespace == null && ns.isEmpty() && !ClusterScopedKinds.contains(group, kind)) {
      ns = "default";
    }
    if (kind.equals("Namespace") && group.isEmpty()) {
      ns = metadata.path("name").asText("");
    }

    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode review = nodes.objectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    ObjectNode gvk = nodes.objectNode().put("group", group).put("version", version).put("kind", kind);
    ObjectNode gvr = nodes.objectNode().put("group", group).put("version", version).put("resource", resourceOf(kind));
    request.set("kind", gvk);
    request.set("resource", gvr);
    request.set("requestKind", gvk.deepCopy());
    request.set("requestResource", gvr.deepCopy());
    if (!subResource.isEmpty()) {
      request.put("subResource", subResource);
      request.put("requestSubResource", subResource);
    }
    request.put("name", metadata.path("name").asText(""));
    request.put("namespace", ns);
    request.put("operation", operation);
    ObjectNode user = request.putObject("userInfo");
    user.put("username", username);
    groups.forEach(user.putArray("groups")::add);
    if (!operation.equals("DELETE") && object != null) {
      request.set("object", object);
    }
    if (oldObject != null) {
      request.set("oldObject", oldObject);
    }
    request.put("dryRun", dryRun);
    return review;
  }

  /** The resource name Kubernetes registers for a kind: lower case, plural. */
  static String resourceOf(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
      return lower + "es";
    }
    if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }
}
