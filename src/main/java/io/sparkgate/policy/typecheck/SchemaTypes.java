package io.sparkgate.policy.typecheck;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
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
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CEL types made from schemas, for {@code lint}: an OpenAPI v3 object with properties becomes a
 * struct type with those fields, {@code additionalProperties} a {@code map(string, T)}, an array a
 * {@code list(T)}; int-or-string, preserve-unknown-fields, objects without properties and schemas
 * without a type are {@code dyn}. Fabric8 model classes (Pod, ObjectMeta) are read the same way
 * through Jackson's bean introspection. Every struct type is registered here under a name no CEL
 * identifier can spell, so expressions cannot name the types themselves.
 */
final class SchemaTypes implements CelTypeProvider {
  private static final String FABRIC8_PREFIX = "fabric8:";

  private final Map<String, StructType> structs = new LinkedHashMap<>();
  private final ObjectMapper mapper = new ObjectMapper();

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

  /** The type of a Fabric8 model class, e.g. {@code Pod}. */
  CelType javaType(Class<?> type) {
    return javaType(mapper.constructType(type));
  }

  CelType objectMeta() {
    return javaType(ObjectMeta.class);
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

  private CelType javaType(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      return SimpleType.STRING;
    }
    if (raw == Integer.class || raw == Long.class || raw == Short.class
        || raw == int.class || raw == long.class || raw == short.class) {
      return SimpleType.INT;
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return SimpleType.BOOL;
    }
    if (raw == Double.class || raw == Float.class || raw == double.class || raw == float.class) {
      return SimpleType.DOUBLE;
    }
    if (raw == Quantity.class || raw == IntOrString.class) {
      return SimpleType.DYN;
    }
    if (Map.class.isAssignableFrom(raw)) {
      return MapType.create(SimpleType.STRING, javaType(type.getContentType()));
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return ListType.create(javaType(type.getContentType()));
    }
    if (!raw.getName().startsWith("io.fabric8.kubernetes.api.model.")) {
      return SimpleType.DYN;
    }
    String name = FABRIC8_PREFIX + raw.getName();
    if (structs.containsKey(name)) {
      return StructTypeReference.create(name);
    }
    BeanDescription bean = mapper.getSerializationConfig().introspect(type);
    Map<String, CelType> fields = new LinkedHashMap<>();
    // Registered before its fields are read, so that recursive classes end.
    structs.put(name, StructType.create(name, ImmutableSet.of(), field -> Optional.empty()));
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (property.getName().equals("additionalProperties") || !property.couldSerialize()) {
        continue;
      }
      fields.put(property.getName(), javaType(property.getPrimaryType()));
    }
    if (fields.isEmpty()) {
      structs.remove(name);
      return SimpleType.DYN;
    }
    return register(name, fields);
  }

  private CelType register(String name, Map<String, CelType> fields) {
    Map<String, CelType> copy = Map.copyOf(fields);
    structs.put(name, StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
        field -> Optional.ofNullable(copy.get(field))));
    return StructTypeReference.create(name);
  }
}
