package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.NullValue;
import dev.cel.common.values.CelByteString;
import io.sparkgate.cel.mutation.MutationTypes;
import io.sparkgate.cel.mutation.TypedObject;
import io.sparkgate.patch.JsonPatchOperation;
import io.sparkgate.patch.PatchException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns the value of a mutation expression into what the patch stage works on: JSON Patch
 * operations or an apply configuration, both as JSON. An Object literal's type name must match its
 * field path, as Kubernetes checks ({@code Object.spec{...}} under {@code spec}).
 */
final class MutationValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MutationValues() {}

  static List<JsonPatchOperation> jsonPatch(Object value) throws PatchException {
    if (!(value instanceof List<?> list)) {
      throw new PatchException("type mismatch: JSONPatchType.expression should evaluate to array, got "
          + Messages.typeName(value));
    }
    List<JsonPatchOperation> operations = new ArrayList<>(list.size());
    for (Object element : list) {
      if (!(element instanceof TypedObject patch) || !patch.typeName().equals(MutationTypes.JSON_PATCH)) {
        throw new PatchException("type mismatch: JSONPatchType.expression should evaluate to array of JSONPatch, got "
            + describe(element));
      }
      Object patchValue = patch.get("value");
      if (patchValue instanceof TypedObject object) {
        checkTypeNames(object, object.typeName());
      }
      operations.add(new JsonPatchOperation(text(patch, "op"), text(patch, "path"),
          patch.containsKey("from") ? text(patch, "from") : null,
          patch.containsKey("value") ? json(patchValue) : null));
    }
    return operations;
  }

  static JsonNode applyConfiguration(Object value) throws PatchException {
    if (!(value instanceof TypedObject object) || !object.typeName().equals(MutationTypes.OBJECT)) {
      throw new PatchException("must evaluate to Object, but evaluates to " + describe(value));
    }
    checkTypeNames(object, MutationTypes.OBJECT);
    return json(object);
  }

  private static String text(TypedObject patch, String field) throws PatchException {
    Object value = patch.get(field);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String text)) {
      throw new PatchException("JSONPatch." + field + " must be a string, got " + Messages.typeName(value));
    }
    return text;
  }

  private static void checkTypeNames(TypedObject object, String expected) throws PatchException {
    if (!MutationTypes.isObjectType(object.typeName())) {
      return;
    }
    if (!object.typeName().equals(expected)) {
      throw new PatchException("type mismatch: unexpected type name \"" + object.typeName() + "\", expected \""
          + expected + "\", which matches field name path from root Object type");
    }
    for (Map.Entry<String, Object> field : object.entrySet()) {
      checkNested(field.getValue(), expected + "." + field.getKey());
    }
  }

  private static void checkNested(Object value, String expected) throws PatchException {
    if (value instanceof TypedObject object) {
      checkTypeNames(object, expected);
    } else if (value instanceof List<?> list) {
      for (Object element : list) {
        checkNested(element, expected);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object element : map.values()) {
        checkNested(element, expected);
      }
    }
  }

  /** The JSON of a CEL value; fails for values JSON cannot hold. */
  static JsonNode json(Object value) throws PatchException {
    if (value == null || value instanceof NullValue) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw unmarshallable("double " + d);
      }
      return NODES.numberNode(d);
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof UnsignedLong u) {
      return NODES.numberNode(u.bigIntegerValue());
    }
    if (value instanceof CelByteString bytes) {
      return NODES.textNode(Base64.getEncoder().encodeToString(bytes.toByteArray()));
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      for (Object element : list) {
        array.add(json(element));
      }
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw unmarshallable("a map with " + Messages.typeName(entry.getKey()) + " keys");
        }
        object.set(key, json(entry.getValue()));
      }
      return object;
    }
    throw unmarshallable(describe(value));
  }

  private static PatchException unmarshallable(String what) {
    return new PatchException("JSONPatch value evaluated to a type that could not marshal to JSON: " + what);
  }

  private static String describe(Object value) {
    return value instanceof TypedObject object ? object.typeName() : Messages.typeName(value);
  }
}
