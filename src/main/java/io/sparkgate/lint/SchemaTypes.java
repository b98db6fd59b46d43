package io.sparkgate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.types.StructTypeReference;
import io.sparkgate.schema.KubernetesSchemas;
import io.sparkgate.schema.SchemaNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CEL types made from schemas, for {@code lint}: an OpenAPI v3 object with properties becomes a
 * struct type with those fields, {@code additionalProperties} a {@code map(string, T)}, an array a
 * {@code list(T)}; int-or-string, preserve-unknown-fields, objects without properties and schemas
 * without a type are {@code dyn}. The bundled Kubernetes schemas (Pod, ObjectMeta...) are read
 * through {@link SchemaNode}. Every struct type is registered here under a name no CEL
 * identifier can spell, so expressions cannot name the types themselves.
 */
final class SchemaTypes implements CelTypeProvider {
  private static final String OPENAPI_PREFIX = "openapi:";

  private final Map<String, StructType> structs = new LinkedHashMap<>();

  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableList.copyOf(structs.values());
  }

  @Override
  public Optional<CelType> findType(String name) {
    return Optional.ofNullable(structs.get(name));
  }

  /** The type of a kind's root from its OpenAPI schema; apiVersion, kind and metadata are always there. */
  CelType rootType(String name, JsonNode schema) {
    Map<String, CelType> fields = new LinkedHashMap<>();
    properties(name, schema, fields);
    fields.put("apiVersion", SimpleType.STRING);
    fields.put("kind", SimpleType.STRING);
    fields.put("metadata", objectMeta());
    return register(name, fields);
  }

  /**
   * The type of a bundled Kubernetes schema node: structs are registered once per definition
   * ({@code io.k8s.api.core.v1.PodSpec}), so kinds sharing one share its type.
   */
  CelType kubernetesType(String name, SchemaNode node) {
    return switch (node.shape()) {
      case STRUCT -> {
        String registered = node.definitionName().map(definition -> OPENAPI_PREFIX + definition).orElse(name);
        if (structs.containsKey(registered)) {
          yield StructTypeReference.create(registered);
        }
        // Registered before its fields are read, so that recursive definitions end.
        structs.put(registered, StructType.create(registered, ImmutableSet.of(), field -> Optional.empty()));
        Map<String, CelType> fields = new LinkedHashMap<>();
        for (String field : node.fieldNames()) {
          fields.put(field, kubernetesType(registered + "." + field, node.field(field).orElseThrow()));
        }
        yield register(registered, fields);
      }
      case MAP -> MapType.create(SimpleType.STRING, kubernetesType(name + "[]", node.values()));
      case LIST -> ListType.create(kubernetesType(name + "[]", node.items()));
      case SCALAR -> switch (node.scalarType()) {
        case STRING -> SimpleType.STRING;
        case INTEGER -> SimpleType.INT;
        case NUMBER -> SimpleType.DOUBLE;
        case BOOLEAN -> SimpleType.BOOL;
        case ANY -> SimpleType.DYN;
      };
      case UNTYPED -> SimpleType.DYN;
    };
  }

  /** ObjectMeta, as the bundled Kubernetes schemas declare it: the {@code metadata} of every kind. */
  CelType objectMeta() {
    return kubernetesType("objectmeta", KubernetesSchemas.bundled().objectMeta());
  }

  private CelType openApi(String name, JsonNode schema) {
    if (schema == null || !schema.isObject()
        || schema.path("x-kubernetes-int-or-string").asBoolean(false)
        || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return SimpleType.DYN;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "string":
        return SimpleType.STRING;
      case "integer":
        return SimpleType.INT;
      case "number":
        return SimpleType.DOUBLE;
      case "boolean":
        return SimpleType.BOOL;
      case "array":
        return ListType.create(schema.has("items") ? openApi(name + "[]", schema.get("items")) : SimpleType.DYN);
      case "object":
      case "":
        return object(name, schema);
      default:
        return SimpleType.DYN;
    }
  }

  private CelType object(String name, JsonNode schema) {
    if (schema.path("properties").isObject() && schema.path("properties").size() > 0) {
      Map<String, CelType> fields = new LinkedHashMap<>();
      if (schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
        fields.put("apiVersion", SimpleType.STRING);
        fields.put("kind", SimpleType.STRING);
        fields.put("metadata", objectMeta());
      }
      properties(name, schema, fields);
      return register(name, fields);
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      return MapType.create(SimpleType.STRING, openApi(name + "[]", additional));
    }
    if (additional != null && additional.asBoolean(false)) {
      return MapType.create(SimpleType.STRING, SimpleType.DYN);
    }
    return SimpleType.DYN;
  }

  private void properties(String name, JsonNode schema, Map<String, CelType> fields) {
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String path = name.endsWith("#") ? name + property.getKey() : name + "." + property.getKey();
      fields.put(property.getKey(), openApi(path, property.getValue()));
    }
  }

  private CelType register(String name, Map<String, CelType> fields) {
    Map<String, CelType> copy = Map.copyOf(fields);
    structs.put(name, StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
        field -> Optional.ofNullable(copy.get(field))));
    return StructTypeReference.create(name);
  }
}
