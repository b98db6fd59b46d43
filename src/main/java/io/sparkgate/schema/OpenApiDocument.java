package io.sparkgate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One bundled OpenAPI v3 document of an API group version: its definitions
 * ({@code components.schemas}), the kinds they declare ({@code x-kubernetes-group-version-kind}) and
 * the resources serving them ({@code x-sparkgate-resources}, read from the document's paths when it
 * was derived).
 */
final class OpenApiDocument {
  private static final String REF_PREFIX = "#/components/schemas/";

  private final String group;
  private final String version;
  private final JsonNode definitions;
  private final Map<String, String> kinds = new HashMap<>();
  private final Map<String, String> resources = new HashMap<>();

  private OpenApiDocument(String group, String version, JsonNode document) {
    this.group = group;
    this.version = version;
    this.definitions = document.path("components").path("schemas");
    definitions.properties().forEach(definition -> {
      for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
        if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)) {
          kinds.put(gvk.path("kind").asText(), definition.getKey());
        }
      }
    });
    document.path("x-sparkgate-resources").properties()
        .forEach(resource -> resources.put(resource.getKey(), resource.getValue().asText()));
  }

  static OpenApiDocument load(ObjectMapper mapper, String group, String version, String resourcePath) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(resourcePath)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resourcePath);
      }
      return new OpenApiDocument(group, version, mapper.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resourcePath, e);
    }
  }

  String group() {
    return group;
  }

  String version() {
    return version;
  }

  Optional<SchemaNode> kind(String kind) {
    return Optional.ofNullable(kinds.get(kind)).map(name -> SchemaNode.of(this, definitions.get(name)));
  }

  Optional<SchemaNode> resource(String resource) {
    return Optional.ofNullable(resources.get(resource)).map(name -> SchemaNode.of(this, definitions.get(name)));
  }

  /** The kind a resource serves, e.g. Deployment for deployments. */
  Optional<String> kindOf(String resource) {
    String definition = resources.get(resource);
    return kinds.entrySet().stream().filter(kind -> kind.getValue().equals(definition)).map(Map.Entry::getKey).findFirst();
  }

  /** The definition a schema refers to ({@code $ref}, or {@code allOf} of one {@code $ref}), else the schema itself. */
  JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null && schema.path("allOf").size() == 1) {
      ref = schema.path("allOf").get(0).get("$ref");
    }
    if (ref == null || !ref.asText().startsWith(REF_PREFIX)) {
      return schema;
    }
    JsonNode definition = definitions.get(ref.asText().substring(REF_PREFIX.length()));
    if (definition == null) {
      throw new IllegalStateException("bundled schema " + group + "/" + version + " lacks " + ref.asText());
    }
    return definition;
  }

  /** The definition name a schema refers to, if it refers to one. */
  Optional<String> definitionName(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null && schema.path("allOf").size() == 1) {
      ref = schema.path("allOf").get(0).get("$ref");
    }
    return ref == null || !ref.asText().startsWith(REF_PREFIX) ? Optional.empty()
        : Optional.of(ref.asText().substring(REF_PREFIX.length()));
  }
}
