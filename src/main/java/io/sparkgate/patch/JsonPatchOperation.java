package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One RFC 6902 operation. {@code from} is null unless the operation is move or copy;
 * {@code value} is null when the operation has none.
 */
public record JsonPatchOperation(String op, String path, String from, JsonNode value) {

  public static JsonPatchOperation add(String path, JsonNode value) {
    return new JsonPatchOperation("add", path, null, value);
  }

  public static JsonPatchOperation remove(String path) {
    return new JsonPatchOperation("remove", path, null, null);
  }

  public static JsonPatchOperation replace(String path, JsonNode value) {
    return new JsonPatchOperation("replace", path, null, value);
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("op", op);
    node.put("path", path);
    if (from != null) {
      node.put("from", from);
    }
    if (value != null) {
      node.set("value", value);
    }
    return node;
  }
}
