package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges an apply configuration into an object with the server-side-apply rules Kubernetes uses
 * for MutatingAdmissionPolicy: maps and structs merge field by field, associative lists merge
 * item by item on their keys (new items appended), scalars are replaced. Like Kubernetes, it
 * refuses a configuration that sets an atomic list or map; unlike it, it also refuses lists whose
 * merge strategy it does not know, rather than guess.
 */
public final class ApplyConfigurationMerger {
  private ApplyConfigurationMerger() {}

  public static JsonNode merge(JsonNode object, JsonNode configuration, MergeSchema schema) throws PatchException {
    if (!configuration.isObject()) {
      throw new PatchException("an apply configuration must be an object");
    }
    ObjectNode patch = ((ObjectNode) configuration).deepCopy();
    patch.remove("apiVersion");
    patch.remove("kind");
    Problems problems = new Problems();
    JsonNode merged = mergeObject(object, patch, "", "", schema, problems);
    problems.throwIfAny(schema);
    return merged;
  }

  private static JsonNode mergeValue(JsonNode live, JsonNode patch, String path, String shown,
      MergeSchema schema, Problems problems) {
    if (patch.isObject()) {
      if (schema.atomicMap(path)) {
        problems.atomics.add(shown);
      }
      return mergeObject(live, (ObjectNode) patch, path, shown, schema, problems);
    }
    if (patch.isArray()) {
      return mergeList(live, (ArrayNode) patch, path, shown, schema, problems);
    }
    if (patch.isNull()) {
      problems.unsupported.add("null at " + shown + ": an apply configuration cannot unset a field");
    }
    return patch;
  }

  private static JsonNode mergeObject(JsonNode live, ObjectNode patch, String path, String shown,
      MergeSchema schema, Problems problems) {
    ObjectNode result = live != null && live.isObject() ? ((ObjectNode) live).deepCopy() : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      result.set(field.getKey(), mergeValue(result.get(field.getKey()), field.getValue(), childPath,
          shown + "." + field.getKey(), schema, problems));
    }
    return result;
  }

  private static JsonNode mergeList(JsonNode live, ArrayNode patch, String path, String shown,
      MergeSchema schema, Problems problems) {
    MergeSchema.ListStrategy strategy = schema.list(path);
    if (strategy instanceof MergeSchema.Atomic) {
      problems.atomics.add(shown);
      return patch;
    }
    if (strategy instanceof MergeSchema.Unknown) {
      problems.unsupported.add("list " + shown + " of " + schema.description()
          + " has a merge strategy Sparkgate does not know; set it with a JSONPatch mutation");
      return patch;
    }
    MergeSchema.Keyed keyed = (MergeSchema.Keyed) strategy;
    Map<List<String>, JsonNode> patchItems = new HashMap<>();
    List<List<String>> patchOrder = new ArrayList<>();
    for (int i = 0; i < patch.size(); i++) {
      JsonNode item = patch.get(i);
      List<String> key = key(item, keyed, shown + "[" + i + "]", problems);
      if (key == null) {
        continue;
      }
      if (patchItems.put(key, item) != null) {
        problems.unsupported.add("duplicate entries for key " + describe(keyed, key) + " in " + shown);
      } else {
        patchOrder.add(key);
      }
    }
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    Set<List<String>> merged = new HashSet<>();
    if (live != null && live.isArray()) {
      for (JsonNode item : live) {
        List<String> key = item.isObject() ? key(item, keyed, shown, null) : null;
        JsonNode update = key == null ? null : patchItems.get(key);
        if (update == null) {
          result.add(item.deepCopy());
        } else if (merged.add(key)) {
          // Duplicates of an updated key collapse into one item, as server-side apply does.
          result.add(mergeValue(item, update, path, shown + "[" + result.size() + "]", schema, problems));
        }
      }
    }
    for (List<String> key : patchOrder) {
      if (!merged.contains(key)) {
        result.add(mergeValue(null, patchItems.get(key), path, shown + "[" + result.size() + "]", schema, problems));
      }
    }
    return result;
  }

  /** The item's key values (with defaults), or null when a key is missing (reported when problems is given). */
  private static List<String> key(JsonNode item, MergeSchema.Keyed keyed, String shown, Problems problems) {
    List<String> values = new ArrayList<>();
    for (String field : keyed.keys()) {
      JsonNode value = item.get(field);
      if ((value == null || value.isNull()) && keyed.keyDefaults().containsKey(field)) {
        value = TextNode.valueOf(keyed.keyDefaults().get(field));
      }
      if (value == null || value.isNull() || !item.isObject()) {
        if (problems != null) {
          problems.unsupported.add("associative list with keys has an element that omits key field \""
              + field + "\" (and doesn't have default value) at " + shown);
        }
        return null;
      }
      values.add(JsonEquality.canonical(value));
    }
    return values;
  }

  private static String describe(MergeSchema.Keyed keyed, List<String> key) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < key.size(); i++) {
      text.append(i == 0 ? "" : ",").append(keyed.keys().get(i)).append('=').append(key.get(i));
    }
    return text.append(']').toString();
  }

  private static final class Problems {
    final List<String> atomics = new ArrayList<>();
    final List<String> unsupported = new ArrayList<>();

    void throwIfAny(MergeSchema schema) throws PatchException {
      if (!atomics.isEmpty()) {
        throw new PatchException("invalid ApplyConfiguration: may not mutate atomic arrays, maps or structs: "
            + String.join(", ", atomics));
      }
      if (!unsupported.isEmpty()) {
        throw new PatchException("invalid ApplyConfiguration: " + String.join("; ", unsupported));
      }
    }
  }
}
