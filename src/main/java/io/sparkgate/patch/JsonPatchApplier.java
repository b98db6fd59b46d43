package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Applies RFC 6902 operations the way the Kubernetes API server does (evanphx json-patch v4), with
 * its error texts. Like it, {@code add} never creates a missing parent, {@code replace} of a
 * missing object member adds it, negative array indices count from the end, and a failed
 * {@code test} leaves the document unchanged instead of failing.
 */
public final class JsonPatchApplier {
  private JsonPatchApplier() {}

  /** The patched copy of {@code document}; {@code document} itself is not changed. */
  public static JsonNode apply(JsonNode document, List<JsonPatchOperation> operations) throws PatchException {
    JsonNode copy = document.deepCopy();
    for (JsonPatchOperation operation : operations) {
      if (!applyOne(copy, operation)) {
        return document;
      }
    }
    return copy;
  }

  /** False when a test operation failed: then the whole patch is void. */
  private static boolean applyOne(JsonNode document, JsonPatchOperation operation) throws PatchException {
    String op = operation.op() == null ? "" : operation.op();
    JsonNode value = operation.value() == null ? NullNode.getInstance() : operation.value();
    switch (op) {
      case "add" -> add(document, operation.path(), value.deepCopy(), "add");
      case "remove" -> remove(document, operation.path());
      case "replace" -> replace(document, operation.path(), value.deepCopy());
      case "move" -> {
        JsonNode moved = valueAt(document, operation.from(), "move operation does not apply: doc is missing from path: ");
        remove(document, operation.from());
        add(document, operation.path(), moved, "move");
      }
      case "copy" -> {
        JsonNode copied = valueAt(document, operation.from(), "copy operation does not apply: doc is missing from path: ");
        add(document, operation.path(), copied.deepCopy(), "copy");
      }
      case "test" -> {
        Parent parent = parent(document, operation.path());
        JsonNode actual = parent == null ? null : parent.get();
        if (actual == null ? !value.isNull() : !JsonEquality.same(actual, value)) {
          return false;
        }
      }
      default -> throw new PatchException("Unexpected kind: " + op);
    }
    return true;
  }

  private static void add(JsonNode document, String path, JsonNode value, String op) throws PatchException {
    Parent parent = parent(document, path);
    if (parent == null) {
      throw new PatchException(op + " operation does not apply: doc is missing "
          + (op.equals("add") ? "path" : "destination path") + ": \"" + path + "\": missing value");
    }
    if (parent.container() instanceof ObjectNode object) {
      object.set(parent.key(), value);
      return;
    }
    ArrayNode array = (ArrayNode) parent.container();
    if (parent.key().equals("-")) {
      array.add(value);
      return;
    }
    int index = index(parent.key(), array.size() + 1);
    array.insert(index, value);
  }

  private static void remove(JsonNode document, String path) throws PatchException {
    Parent parent = parent(document, path);
    if (parent == null) {
      throw new PatchException("remove operation does not apply: doc is missing path: \"" + path + "\": missing value");
    }
    if (parent.container() instanceof ObjectNode object) {
      if (!object.has(parent.key())) {
        throw new PatchException("Unable to remove nonexistent key: " + parent.key() + ": missing value");
      }
      object.remove(parent.key());
      return;
    }
    ArrayNode array = (ArrayNode) parent.container();
    array.remove(index(parent.key(), array.size()));
  }

  private static void replace(JsonNode document, String path, JsonNode value) throws PatchException {
    Parent parent = parent(document, path);
    if (parent == null) {
      throw new PatchException("replace operation does not apply: doc is missing path: " + path + ": missing value");
    }
    if (parent.container() instanceof ObjectNode object) {
      object.set(parent.key(), value);
      return;
    }
    ArrayNode array = (ArrayNode) parent.container();
    int index;
    try {
      index = index(parent.key(), array.size());
    } catch (PatchException e) {
      throw new PatchException("replace operation does not apply: doc is missing key: " + path + ": missing value");
    }
    array.set(index, value);
  }

  private static JsonNode valueAt(JsonNode document, String path, String missing) throws PatchException {
    Parent parent = parent(document, path);
    JsonNode value = parent == null ? null : parent.get();
    if (value == null) {
      throw new PatchException(missing + path + ": missing value");
    }
    return value;
  }

  /** The container holding the last token of the path and that token; null when it is missing. */
  private static Parent parent(JsonNode document, String path) {
    List<String> tokens = JsonPointer.parse(path);
    if (tokens == null) {
      return null;
    }
    JsonNode current = document;
    for (int i = 0; i < tokens.size() - 1; i++) {
      current = child(current, tokens.get(i));
      if (current == null) {
        return null;
      }
    }
    if (!current.isContainerNode()) {
      return null;
    }
    return new Parent(current, tokens.get(tokens.size() - 1));
  }

  private static JsonNode child(JsonNode node, String token) {
    if (node.isObject()) {
      return node.get(token);
    }
    if (node.isArray()) {
      try {
        int index = Integer.parseInt(token);
        if (index < 0) {
          index += node.size();
        }
        return index >= 0 && index < node.size() ? node.get(index) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** An array index below {@code bound}; negative indices count from the end. */
  private static int index(String token, int bound) throws PatchException {
    int index;
    try {
      index = Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new PatchException("Unable to access invalid index: " + token + ": invalid index referenced");
    }
    if (index < 0) {
      index += bound;
    }
    if (index < 0 || index >= bound) {
      throw new PatchException("Unable to access invalid index: " + token + ": invalid index referenced");
    }
    return index;
  }

  private record Parent(JsonNode container, String key) {
    JsonNode get() {
      return JsonPatchApplier.child(container, key);
    }
  }
}
