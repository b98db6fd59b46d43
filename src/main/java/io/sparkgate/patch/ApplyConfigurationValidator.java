package io.sparkgate.patch;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.schema.SchemaNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks Kubernetes makes of an apply configuration before merging it: that it is an object
 * of the kind's schema (no undeclared fields, values of the declared types, list items with their
 * keys and no duplicates: structured-merge-diff's validation, with its texts and paths), and that
 * it sets nothing atomic (the MutatingAdmissionPolicy plugin's {@code findAtomics}).
 */
final class ApplyConfigurationValidator {
  private ApplyConfigurationValidator() {}

  /** Adds one {@code <path>: <message>} per problem of {@code value} against {@code node}. */
  static void validate(JsonNode value, SchemaNode node, String path, List<String> errors) {
    if (value.isNull()) {
      return;
    }
    switch (node.shape()) {
      case STRUCT, MAP -> {
        if (!value.isObject()) {
          errors.add(at(path, "expected map, got " + value));
          return;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          Optional<SchemaNode> child = node.field(field.getKey());
          if (child.isEmpty()) {
            errors.add(at(path + "." + field.getKey(), "field not declared in schema"));
            return;
          }
          validate(field.getValue(), child.get(), path + "." + field.getKey(), errors);
        }
      }
      case LIST -> {
        if (!value.isArray()) {
          errors.add(at(path, "expected list, got " + value));
          return;
        }
        validateItems(value, node, path, errors);
      }
      case SCALAR -> validateScalar(value, node.scalarType(), path, errors);
      case UNTYPED -> {
        // Anything goes: structured-merge-diff deduces the type from the value.
      }
    }
  }

  private static void validateItems(JsonNode list, SchemaNode node, String path, List<String> errors) {
    boolean associative = node.listType() != SchemaNode.ListType.ATOMIC;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String element = "[" + i + "]";
      if (associative) {
        try {
          ListItemKey key = ListItemKey.of(node, list.get(i));
          if (!seen.add(key.identity())) {
            errors.add(at(path, "duplicate entries for key " + key.shown()));
          }
          element = key.shown();
        } catch (ListItemKey.InvalidItem e) {
          errors.add(at(path, "element " + i + ": " + e.getMessage()));
          return;
        }
      }
      validate(list.get(i), node.items(), path + element, errors);
    }
  }

  private static void validateScalar(JsonNode value, SchemaNode.ScalarType type, String path, List<String> errors) {
    switch (type) {
      case STRING -> {
        if (!value.isTextual()) {
          errors.add(at(path, "expected string, got " + value));
        }
      }
      case NUMBER -> {
        if (!value.isNumber()) {
          errors.add(at(path, "expected numeric (int or float), got " + value));
        }
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          errors.add(at(path, "expected boolean, got " + value));
        }
      }
      case ANY -> {
        if (value.isContainerNode()) {
          errors.add(at(path, "expected any scalar, got " + value));
        }
      }
    }
  }

  /**
   * The paths of atomic lists, maps and structs the configuration sets, as Kubernetes lists them
   * ({@code .spec.selector}, {@code .spec.template.spec.containers[0].args}). Without a schema, every
   * list is atomic.
   */
  static void findAtomics(JsonNode value, SchemaNode node, String path, List<String> atomics) {
    if (value.isObject() && (node.shape() == SchemaNode.Shape.STRUCT || node.shape() == SchemaNode.Shape.UNTYPED)) {
      if (node.atomic()) {
        atomics.add(path);
      }
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        Optional<SchemaNode> child = node.field(field.getKey());
        child.ifPresent(schema -> findAtomics(field.getValue(), schema, path + "." + field.getKey(), atomics));
      }
    } else if (value.isObject() && node.shape() == SchemaNode.Shape.MAP && node.atomic()) {
      atomics.add(path);
    } else if (value.isArray() && (node.shape() == SchemaNode.Shape.LIST || node.shape() == SchemaNode.Shape.UNTYPED)) {
      if (node.shape() == SchemaNode.Shape.UNTYPED || node.atomic()) {
        atomics.add(path);
      }
      for (int i = 0; i < value.size(); i++) {
        findAtomics(value.get(i), node.items(), path + "[" + i + "]", atomics);
      }
    }
  }

  private static String at(String path, String message) {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
