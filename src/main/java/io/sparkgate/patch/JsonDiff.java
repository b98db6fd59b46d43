package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The RFC 6902 patch from one JSON document to another, made of add, remove and replace only.
 * Objects are compared member by member; arrays keep their common head and tail and patch the
 * middle element by element, so an appended container or env var is one {@code add}.
 */
public final class JsonDiff {
  private JsonDiff() {}

  public static List<JsonPatchOperation> between(JsonNode source, JsonNode target) {
    List<JsonPatchOperation> operations = new ArrayList<>();
    diff("", source, target, operations);
    return operations;
  }

  private static void diff(String path, JsonNode source, JsonNode target, List<JsonPatchOperation> out) {
    if (JsonEquality.same(source, target)) {
      return;
    }
    if (source.isObject() && target.isObject()) {
      diffObjects(path, source, target, out);
    } else if (source.isArray() && target.isArray()) {
      diffArrays(path, source, target, out);
    } else {
      out.add(JsonPatchOperation.replace(path, target.deepCopy()));
    }
  }

  private static void diffObjects(String path, JsonNode source, JsonNode target, List<JsonPatchOperation> out) {
    Iterator<String> names = source.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!target.has(name)) {
        out.add(JsonPatchOperation.remove(JsonPointer.append(path, name)));
      }
    }
    for (Map.Entry<String, JsonNode> field : target.properties()) {
      String child = JsonPointer.append(path, field.getKey());
      JsonNode before = source.get(field.getKey());
      if (before == null) {
        out.add(JsonPatchOperation.add(child, field.getValue().deepCopy()));
      } else {
        diff(child, before, field.getValue(), out);
      }
    }
  }

  private static void diffArrays(String path, JsonNode source, JsonNode target, List<JsonPatchOperation> out) {
    int head = 0;
    while (head < source.size() && head < target.size() && JsonEquality.same(source.get(head), target.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < source.size() - head && tail < target.size() - head
        && JsonEquality.same(source.get(source.size() - 1 - tail), target.get(target.size() - 1 - tail))) {
      tail++;
    }
    int sourceMiddle = source.size() - head - tail;
    int targetMiddle = target.size() - head - tail;
    int common = Math.min(sourceMiddle, targetMiddle);
    for (int i = 0; i < common; i++) {
      diff(path + "/" + (head + i), source.get(head + i), target.get(head + i), out);
    }
    // Removals go from the highest index down so that earlier indices stay valid.
    for (int i = sourceMiddle - 1; i >= common; i--) {
      out.add(JsonPatchOperation.remove(path + "/" + (head + i)));
    }
    for (int i = common; i < targetMiddle; i++) {
      String index = tail == 0 ? "-" : String.valueOf(head + i);
      out.add(JsonPatchOperation.add(path + "/" + index, target.get(head + i).deepCopy()));
    }
  }
}
