package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.schema.SchemaNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The identity of an item of a set or map list, as structured-merge-diff builds it: a set item is
 * its value; a map item is the values of its key fields, an omitted key field taking its default
 * ({@code protocol: TCP} of a port) or being left out, and at least one present. {@link #shown} is
 * the path element Kubernetes prints: {@code [name="app"]}, {@code [containerPort=80,protocol="TCP"]},
 * {@code [="finalizer"]}.
 */
record ListItemKey(String identity, String shown) {
  /** Thrown with structured-merge-diff's text when an item has no identity. */
  static final class InvalidItem extends Exception {
    InvalidItem(String message) {
      super(message);
    }
  }

  static ListItemKey of(SchemaNode list, JsonNode item) throws InvalidItem {
    if (list.listType() == SchemaNode.ListType.SET) {
      if (item.isObject()) {
        throw new InvalidItem("associative list without keys has an element that's a map type");
      }
      if (item.isArray()) {
        throw new InvalidItem("not supported: associative list with lists as elements");
      }
      if (item.isNull()) {
        throw new InvalidItem("associative list without keys has an element that's an explicit null");
      }
      return new ListItemKey(JsonEquality.canonical(item), "[=" + item + "]");
    }
    if (item.isNull()) {
      throw new InvalidItem("associative list with keys may not have a null element");
    }
    if (!item.isObject()) {
      throw new InvalidItem("associative list with keys may not have non-map elements");
    }
    List<String> keys = list.keys();
    TreeMap<String, JsonNode> values = new TreeMap<>();
    SchemaNode items = list.items();
    for (String key : keys) {
      JsonNode value = item.get(key);
      if (value != null) {
        values.put(key, value);
      } else {
        Optional<JsonNode> fallback = items.fieldDefault(key);
        fallback.ifPresent(node -> values.put(key, node));
      }
    }
    if (!keys.isEmpty() && values.isEmpty()) {
      throw new InvalidItem("associative list with keys has an element that omits all key fields "
          + quoted(keys) + " (and doesn't have default values for any key fields)");
    }
    StringBuilder identity = new StringBuilder();
    List<String> shown = new ArrayList<>();
    values.forEach((key, value) -> {
      identity.append(key).append('=').append(JsonEquality.canonical(value)).append('\u0000');
      shown.add(key + "=" + value);
    });
    return new ListItemKey(identity.toString(), "[" + String.join(",", shown) + "]");
  }

  /** Go's %q of a string slice: {@code ["name" "uid"]}. */
  private static String quoted(List<String> keys) {
    List<String> texts = new ArrayList<>();
    keys.forEach(key -> texts.add("\"" + key + "\""));
    return "[" + String.join(" ", texts) + "]";
  }
}
