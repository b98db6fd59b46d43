package io.sparkgate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A place in a kind's schema as server-side apply reads it (kube-openapi's conversion to
 * structured-merge-diff): a struct of declared fields, a map, a list with its list type and keys, a
 * scalar, or untyped. A node of a kind without a known schema is untyped: anything is accepted,
 * objects merge field by field and lists are atomic.
 */
public final class SchemaNode {
  /** What kind of value a node holds. */
  public enum Shape { STRUCT, MAP, LIST, SCALAR, UNTYPED }

  /** How a list merges: replaced whole, a set of scalars, or a map keyed on some of its items' fields. */
  public enum ListType { ATOMIC, SET, MAP }

  /** The JSON type a scalar must have; ANY for int-or-string and quantities. */
  public enum ScalarType { STRING, NUMBER, BOOLEAN, ANY }

  private static final SchemaNode UNTYPED = new SchemaNode(null, null, null);

  private final OpenApiDocument document;
  private final JsonNode site;
  private final JsonNode schema;

  private SchemaNode(OpenApiDocument document, JsonNode site, JsonNode schema) {
    this.document = document;
    this.site = site;
    this.schema = schema;
  }

  static SchemaNode of(OpenApiDocument document, JsonNode site) {
    return new SchemaNode(document, site, document.resolve(site));
  }

  /** The node of a kind without a known schema. */
  public static SchemaNode untyped() {
    return UNTYPED;
  }

  public Shape shape() {
    if (schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return Shape.UNTYPED;
    }
    if (schema.has("oneOf") || "int-or-string".equals(schema.path("format").asText())) {
      return Shape.SCALAR;
    }
    switch (schema.path("type").asText("")) {
      case "array":
        return Shape.LIST;
      case "string":
      case "integer":
      case "number":
      case "boolean":
        return Shape.SCALAR;
      default:
        if (schema.path("properties").size() > 0) {
          return Shape.STRUCT;
        }
        return schema.path("additionalProperties").isObject() ? Shape.MAP : Shape.UNTYPED;
    }
  }

  /**
   * Whether an apply configuration may not set anything inside: an atomic list, or a struct or map
   * with {@code x-kubernetes-map-type: atomic}.
   */
  public boolean atomic() {
    return switch (shape()) {
      case LIST -> listType() == ListType.ATOMIC;
      case STRUCT, MAP -> "atomic".equals(extension("x-kubernetes-map-type"));
      default -> false;
    };
  }

  /** The node of a field: a declared field of a struct, a value of a map, anything of an untyped node. */
  public Optional<SchemaNode> field(String name) {
    return switch (shape()) {
      case STRUCT -> {
        JsonNode property = schema.path("properties").get(name);
        yield property == null ? Optional.empty() : Optional.of(of(document, property));
      }
      case MAP -> Optional.of(of(document, schema.get("additionalProperties")));
      case UNTYPED -> Optional.of(UNTYPED);
      default -> Optional.empty();
    };
  }

  /** The declared field names of a struct, sorted. */
  public Set<String> fieldNames() {
    Set<String> names = new TreeSet<>();
    if (shape() == Shape.STRUCT) {
      schema.path("properties").fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  /** The node of a map's values. */
  public SchemaNode values() {
    return shape() == Shape.MAP ? of(document, schema.get("additionalProperties")) : UNTYPED;
  }

  /** The node of a list's items. */
  public SchemaNode items() {
    return shape() == Shape.LIST && schema.has("items") ? of(document, schema.get("items")) : UNTYPED;
  }

  /**
   * The list type: {@code x-kubernetes-list-type}, else a merge key from
   * {@code x-kubernetes-patch-strategy: merge} and {@code x-kubernetes-patch-merge-key}, else atomic
   * (kube-openapi's rule). Lists of untyped nodes are atomic.
   */
  public ListType listType() {
    String listType = extension("x-kubernetes-list-type");
    if (listType != null) {
      return switch (listType) {
        case "set" -> ListType.SET;
        case "map" -> ListType.MAP;
        default -> ListType.ATOMIC;
      };
    }
    if ("merge".equals(extension("x-kubernetes-patch-strategy"))) {
      return extension("x-kubernetes-patch-merge-key") != null ? ListType.MAP : ListType.SET;
    }
    return ListType.ATOMIC;
  }

  /** The key fields of a list of type map. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    JsonNode mapKeys = site == null ? null : site.get("x-kubernetes-list-map-keys");
    if (mapKeys == null && schema != null) {
      mapKeys = schema.get("x-kubernetes-list-map-keys");
    }
    if (mapKeys != null && mapKeys.isArray()) {
      mapKeys.forEach(key -> keys.add(key.asText()));
    } else if (extension("x-kubernetes-patch-merge-key") != null) {
      keys.add(extension("x-kubernetes-patch-merge-key"));
    }
    return keys;
  }

  /** The default of a struct's field, as a list key omitted from an item takes it ({@code protocol: TCP}). */
  public Optional<JsonNode> fieldDefault(String name) {
    JsonNode property = shape() == Shape.STRUCT ? schema.path("properties").get(name) : null;
    return property == null || !property.has("default") ? Optional.empty() : Optional.of(property.get("default"));
  }

  public ScalarType scalarType() {
    if (shape() != Shape.SCALAR) {
      return ScalarType.ANY;
    }
    return switch (schema.path("type").asText("")) {
      case "string" -> "int-or-string".equals(schema.path("format").asText()) ? ScalarType.ANY : ScalarType.STRING;
      case "integer", "number" -> ScalarType.NUMBER;
      case "boolean" -> ScalarType.BOOLEAN;
      default -> ScalarType.ANY;
    };
  }

  /** The definition this node refers to, e.g. {@code io.k8s.api.core.v1.PodSpec}. */
  public Optional<String> definitionName() {
    if (site == null) {
      return Optional.empty();
    }
    return document.definitionName(site);
  }

  /** An extension set where the field is declared or on the definition it refers to. */
  private String extension(String name) {
    if (site != null && site.has(name)) {
      return site.get(name).asText();
    }
    return schema != null && schema.has(name) ? schema.get(name).asText() : null;
  }
}
