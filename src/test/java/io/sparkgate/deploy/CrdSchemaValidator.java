package io.sparkgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates an object against a CRD's openAPIV3Schema with the keywords our CRDs use, as the API
 * server does: type, required, properties, additionalProperties, pattern, minimum, maximum,
 * minLength, maxLength, items, enum, x-kubernetes-int-or-string. A field the schema does not
 * declare is reported as unknown, as kubectl's strict field validation (its default) reports it;
 * {@code metadata} is the API server's and is not looked into.
 */
final class CrdSchemaValidator {
  private CrdSchemaValidator() {}

  static List<String> validate(JSONSchemaProps schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "", problems);
    return problems;
  }

  private static void check(JSONSchemaProps schema, JsonNode value, String path, List<String> problems) {
    String at = path.isEmpty() ? "<root>" : path;
    if (value == null || value.isNull()) {
      problems.add(at + ": must not be null");
      return;
    }
    boolean intOrString = Boolean.TRUE.equals(schema.getXKubernetesIntOrString());
    if (intOrString) {
      if (!value.isTextual() && !value.isIntegralNumber()) {
        problems.add(at + ": must be an integer or a string");
        return;
      }
    } else if (schema.getType() != null && !hasType(schema.getType(), value)) {
      problems.add(at + ": must be of type " + schema.getType());
      return;
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty() && !schema.getEnum().contains(value)) {
      problems.add(at + ": must be one of " + schema.getEnum());
    }
    if (value.isTextual()) {
      String text = value.asText();
      int length = text.codePointCount(0, text.length());
      if (schema.getMinLength() != null && length < schema.getMinLength()) {
        problems.add(at + ": must have at least " + schema.getMinLength() + " characters");
      }
      if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
        problems.add(at + ": must have at most " + schema.getMaxLength() + " characters");
      }
      if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
        problems.add(at + ": must match " + schema.getPattern());
      }
    }
    if (value.isNumber()) {
      if (schema.getMinimum() != null && value.asDouble() < schema.getMinimum()) {
        problems.add(at + ": must be at least " + format(schema.getMinimum()));
      }
      if (schema.getMaximum() != null && value.asDouble() > schema.getMaximum()) {
        problems.add(at + ": must be at most " + format(schema.getMaximum()));
      }
    }
    if (value.isObject()) {
      if (schema.getRequired() != null) {
        for (String required : schema.getRequired()) {
          if (!value.has(required)) {
            problems.add(join(path, required) + ": is required");
          }
        }
      }
      if (path.equals(".metadata")) {
        return;
      }
      Map<String, JSONSchemaProps> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JSONSchemaProps property = properties.get(field.getKey());
        if (property != null) {
          check(property, field.getValue(), join(path, field.getKey()), problems);
        } else if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
          check(schema.getAdditionalProperties().getSchema(), field.getValue(), join(path, field.getKey()), problems);
        } else if (schema.getAdditionalProperties() != null && Boolean.TRUE.equals(schema.getAdditionalProperties().getAllows())
            || Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
          continue;
        } else {
          problems.add(join(path, field.getKey()) + ": unknown field");
        }
      }
    }
    if (value.isArray() && schema.getMinItems() != null && value.size() < schema.getMinItems()) {
      problems.add(at + ": must have at least " + schema.getMinItems() + " items");
    }
    if (value.isArray() && schema.getItems() != null && schema.getItems().getSchema() != null) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.getItems().getSchema(), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  private static String join(String path, String field) {
    return path + "." + field;
  }

  private static String format(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  private static boolean hasType(String type, JsonNode value) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> throw new IllegalArgumentException("schema type " + type + " is not supported by this validator");
    };
  }
}
