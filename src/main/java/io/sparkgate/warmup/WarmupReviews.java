package io.sparkgate.warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.enforce.SparkKinds;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.policy.ParamObject;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The AdmissionReviews replayed at start: the Spark objects bundled in the jar
 * ({@value #RESOURCE}), each as a CREATE and as an UPDATE, to /mutate and to /validate, in the
 * namespace of the policy set's first well-formed SparkTenant so that the tenant's paths run too.
 * They fit any policy set: a set that does not match them just answers quickly.
 */
public final class WarmupReviews {
  static final String RESOURCE = "warmup/spark-objects.yaml";
  static final String NAMESPACE_WITHOUT_TENANT = "default";
  private static final String USER = "system:serviceaccount:%s:spark";
  private static final List<String> GROUPS = List.of("system:serviceaccounts", "system:authenticated");

  private WarmupReviews() {}

  /** The reviews for {@code set}. */
  public static List<WarmupRequest> forSet(PolicySet set) {
    String namespace = namespaceFor(set);
    ObjectMapper mapper = new ObjectMapper();
    List<WarmupRequest> requests = new ArrayList<>();
    for (JsonNode bundled : bundledObjects()) {
      ObjectNode object = bundled.deepCopy();
      ((ObjectNode) object.path("metadata")).put("namespace", namespace);
      ObjectNode updated = object.deepCopy();
      ((ObjectNode) updated.path("metadata")).putObject("annotations").put("sparkgate.io/warmup", "updated");
      String what = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
      for (Endpoint endpoint : Endpoint.values()) {
        requests.add(request(mapper, endpoint, what + " CREATE", builder(namespace), object));
        requests.add(request(mapper, endpoint, what + " UPDATE",
            builder(namespace).operation("UPDATE").oldObject(object), updated));
      }
    }
    return List.copyOf(requests);
  }

  /** The namespace of the first (by namespace) well-formed SparkTenant of the set, else "default". */
  public static String namespaceFor(PolicySet set) {
    return set.params().all(SparkKinds.TENANT).stream()
        .filter(tenant -> tenant.problem() == null)
        .map(ParamObject::object)
        .map(tenant -> tenant.path("metadata").path("namespace").asText(""))
        .filter(namespace -> !namespace.isEmpty())
        .min(Comparator.naturalOrder())
        .orElse(NAMESPACE_WITHOUT_TENANT);
  }

  private static ReviewBuilder builder(String namespace) {
    return new ReviewBuilder().namespace(namespace).user(String.format(USER, namespace), GROUPS);
  }

  private static WarmupRequest request(ObjectMapper mapper, Endpoint endpoint, String description,
      ReviewBuilder builder, JsonNode object) {
    try {
      return new WarmupRequest(endpoint, description, mapper.writeValueAsBytes(builder.build(object)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> bundledObjects() {
    try (InputStream in = WarmupReviews.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new YamlDocumentReader().read(Path.of(RESOURCE), text).stream().map(SourceDocument::tree).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (YamlDocumentReader.UnreadableDocumentException e) {
      throw new IllegalStateException(RESOURCE + ": " + e.issue(), e);
    }
  }
}
