package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.schema.SchemaNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges an apply configuration into an object as MutatingAdmissionPolicy does (server-side apply,
 * structured-merge-diff): the configuration is checked against the kind's schema, may set nothing
 * atomic, and is then merged: structs and maps field by field, set and map lists item by item on
 * their keys (items placed in structured-merge-diff's order), scalars and atomic values replaced.
 * Unlike Kubernetes, a {@code null} in the configuration is refused rather than stored.
 */
public final class ApplyConfigurationMerger {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ApplyConfigurationMerger() {}

  public static JsonNode merge(JsonNode object, JsonNode configuration, MergeSchema schema) throws PatchException {
    if (!configuration.isObject()) {
      throw new PatchException("an apply configuration must be an object");
    }
    ObjectNode patch = ((ObjectNode) configuration).deepCopy();
    patch.remove("apiVersion");
    patch.remove("kind");
    List<String> errors = new ArrayList<>();
    ApplyConfigurationValidator.validate(patch, schema.root(), "", errors);
    if (!errors.isEmpty()) {
      throw new PatchException("failed to convert patch object to typed object: " + joined(errors));
    }
    List<String> atomics = new ArrayList<>();
    ApplyConfigurationValidator.findAtomics(patch, schema.root(), "", atomics);
    if (!atomics.isEmpty()) {
      throw new PatchException("invalid ApplyConfiguration: may not mutate atomic arrays, maps or structs: "
          + String.join(", ", atomics));
    }
    List<String> nulls = new ArrayList<>();
    findNulls(patch, "", nulls);
    if (!nulls.isEmpty()) {
      throw new PatchException("invalid ApplyConfiguration: null at " + String.join(", ", nulls)
          + ": an apply configuration cannot unset a field");
    }
    List<String> mergeErrors = new ArrayList<>();
    JsonNode merged = mergeValue(object, patch, schema.root(), "", mergeErrors);
    if (!mergeErrors.isEmpty()) {
      throw new PatchException("failed to merge patch: " + joined(mergeErrors));
    }
    return merged;
  }

  /** structured-merge-diff's ValidationErrors text: one error alone, else one indented line each. */
  private static String joined(List<String> errors) {
    return errors.size() == 1 ? errors.get(0) : "errors:\n  " + String.join("\n  ", errors);
  }

  private static void findNulls(JsonNode value, String path, List<String> nulls) {
    if (value.isNull()) {
      nulls.add(path);
    } else if (value.isObject()) {
      value.properties().forEach(field -> findNulls(field.getValue(), path + "." + field.getKey(), nulls));
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        findNulls(value.get(i), path + "[" + i + "]", nulls);
      }
    }
  }

  private static JsonNode mergeValue(JsonNode live, JsonNode patch, SchemaNode node, String path, List<String> errors) {
    if (live == null || live.isNull()) {
      return patch.deepCopy();
    }
    if (patch.isObject() && live.isObject() && !node.atomic() && node.shape() != SchemaNode.Shape.LIST
        && !(live.isEmpty() && patch.isEmpty())) {
      ObjectNode result = ((ObjectNode) live).deepCopy();
      for (Map.Entry<String, JsonNode> field : patch.properties()) {
        SchemaNode child = node.field(field.getKey()).orElse(SchemaNode.untyped());
        result.set(field.getKey(), mergeValue(live.get(field.getKey()), field.getValue(), child,
            path + "." + field.getKey(), errors));
      }
      return result;
    }
    if (patch.isArray() && live.isArray() && node.shape() == SchemaNode.Shape.LIST
        && node.listType() != SchemaNode.ListType.ATOMIC && !(live.isEmpty() && patch.isEmpty())) {
      return mergeList((ArrayNode) live, (ArrayNode) patch, node, path, errors);
    }
    return patch.deepCopy();
  }

  /**
   * structured-merge-diff's order ({@code typed/merge.go}, visitListItems): walking both lists,
   * live items the configuration does not name keep their place, items of both are merged where
   * they meet in the configuration's order, and new items come where the configuration puts them
   * relative to the items it shares with the object (after the live items when it shares none). Of
   * live items with one key several times, one merged item stands for all if the configuration
   * names the key (holding the configuration's item), else all are kept.
   */
  private static JsonNode mergeList(ArrayNode live, ArrayNode patch, SchemaNode node, String path, List<String> errors) {
    List<ListItemKey> rhsKeys = new ArrayList<>();
    Map<String, JsonNode> observedRhs = new HashMap<>();
    for (int i = 0; i < patch.size(); i++) {
      ListItemKey key = key(node, patch.get(i), i, path, errors);
      if (key == null) {
        return patch.deepCopy();
      }
      rhsKeys.add(key);
      observedRhs.put(key.identity(), patch.get(i));
    }
    List<ListItemKey> lhsKeys = new ArrayList<>();
    Map<String, JsonNode> observedLhs = new HashMap<>();
    for (int i = 0; i < live.size(); i++) {
      ListItemKey key = key(node, live.get(i), i, path, errors);
      if (key == null) {
        return patch.deepCopy();
      }
      // A duplicated live item is not merged with the configuration's: the merge starts from nothing.
      observedLhs.put(key.identity(), observedLhs.containsKey(key.identity()) ? null : live.get(i));
      lhsKeys.add(key);
    }
    List<String> sharedOrder = new ArrayList<>();
    for (ListItemKey key : rhsKeys) {
      if (observedLhs.containsKey(key.identity())) {
        sharedOrder.add(key.identity());
      }
    }
    int nextSharedIndex = 0;
    String nextShared = sharedOrder.isEmpty() ? null : sharedOrder.get(nextSharedIndex++);
    Set<String> mergedRhs = new HashSet<>();
    ArrayNode out = NODES.arrayNode();
    SchemaNode items = node.items();
    int l = 0;
    int r = 0;
    while (l < lhsKeys.size() || r < rhsKeys.size()) {
      if (l < lhsKeys.size() && r < rhsKeys.size()) {
        String key = lhsKeys.get(l).identity();
        if (key.equals(rhsKeys.get(r).identity())) {
          mergedRhs.add(key);
          out.add(mergeItem(observedLhs.get(key), observedRhs.get(key), items, path + lhsKeys.get(l).shown(), errors));
          l++;
          r++;
          nextShared = nextSharedIndex < sharedOrder.size() ? sharedOrder.get(nextSharedIndex++) : null;
          continue;
        }
        if (observedRhs.containsKey(key) && nextShared != null && !nextShared.equals(key)) {
          l++;
          continue;
        }
      }
      if (l < lhsKeys.size()) {
        String key = lhsKeys.get(l).identity();
        if (!observedRhs.containsKey(key)) {
          out.add(live.get(l).deepCopy());
          l++;
          continue;
        } else if (mergedRhs.contains(key)) {
          l++;
        }
      }
      if (r < rhsKeys.size()) {
        String key = rhsKeys.get(r).identity();
        mergedRhs.add(key);
        out.add(mergeItem(observedLhs.get(key), observedRhs.get(key), items, path + rhsKeys.get(r).shown(), errors));
        r++;
        if (key.equals(nextShared)) {
          nextShared = nextSharedIndex < sharedOrder.size() ? sharedOrder.get(nextSharedIndex++) : null;
        }
      }
    }
    return out;
  }

  private static JsonNode mergeItem(JsonNode live, JsonNode patch, SchemaNode items, String path, List<String> errors) {
    return live == null ? patch.deepCopy() : mergeValue(live, patch, items, path, errors);
  }

  private static ListItemKey key(SchemaNode list, JsonNode item, int index, String path, List<String> errors) {
    try {
      return ListItemKey.of(list, item);
    } catch (ListItemKey.InvalidItem e) {
      errors.add(path + ": element " + index + ": " + e.getMessage());
      return null;
    }
  }
}
