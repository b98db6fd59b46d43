package io.sparkgate.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Sparkgate's own checks of a {@code sparkgate.io/v1 SparkTenant}, driven by the tenant's schema
 * ({@value #SCHEMA}, the one list of its fields): no field may be unknown (a misspelt limit would
 * otherwise silently not apply), every value must have its schema type, range, length, pattern and
 * enum, and every field with an {@code x-sparkgate-format} must parse the way the pack's policies
 * parse it ({@link TenantFieldFormat}). The CRD in {@code deploy/} carries the same schema and checks
 * the shape at the API server; this check also covers tenants given as files and clusters that run
 * without the CRD.
 *
 * <p>A tenant with a problem is not used with a default: every binding that reads it fails, with
 * the message {@code SparkTenant <namespace>/<name>: <field> <what is wrong>}.
 */
public final class SparkTenantValidator {
  public static final String API_VERSION = "sparkgate.io/v1";
  public static final String KIND = "SparkTenant";
  /** The tenant's OpenAPI v3 schema: the CRD's, plus {@code x-sparkgate-format} where a value must parse. */
  public static final String SCHEMA = "/schemas/sparkgate.io_v1_sparktenants.json";

  private static final JsonNode SPEC_SCHEMA = readSchema().path("properties").path("spec");
  private static final Map<String, Predicate<String>> PATTERNS = patterns(SPEC_SCHEMA);

  /** One problem: the JSON pointer of the field and the sentence that names it. */
  public record Problem(String pointer, String message) {}

  private SparkTenantValidator() {}

  public static boolean isTenant(JsonNode object) {
    return KIND.equals(object.path("kind").asText()) && API_VERSION.equals(object.path("apiVersion").asText());
  }

  /** Every problem of the tenant's spec, in field order; empty for a good tenant. */
  public static List<Problem> check(JsonNode tenant) {
    TenantProblems problems = new TenantProblems();
    JsonNode spec = tenant.get("spec");
    if (spec != null && !spec.isNull()) { // without spec, the tenant-required policies say "has no spec"
      value(spec, SPEC_SCHEMA, TenantField.SPEC, problems);
    }
    List<Problem> all = new ArrayList<>(problems.list());
    if (spec != null && spec.isObject()) {
      all.addAll(TenantCostFields.check(spec)); // rates and budgets parse as the cost policies read them
    }
    return all;
  }

  /** {@code SparkTenant <namespace>/<name>: ...} for a tenant with problems, else null. */
  public static String problemMessage(JsonNode tenant) {
    List<Problem> problems = check(tenant);
    if (problems.isEmpty()) {
      return null;
    }
    StringBuilder message = new StringBuilder(describe(tenant)).append(": ");
    for (int i = 0; i < problems.size(); i++) {
      message.append(i == 0 ? "" : "; ").append(problems.get(i).message());
    }
    return message.toString();
  }

  /** {@code SparkTenant <namespace>/<name>}. */
  public static String describe(JsonNode tenant) {
    JsonNode metadata = tenant.path("metadata");
    String namespace = metadata.path("namespace").asText("");
    return KIND + " " + (namespace.isEmpty() ? "" : namespace + "/") + metadata.path("name").asText("");
  }

  // ---------------------------------------------------------------------------------------------

  private static void value(JsonNode value, JsonNode schema, TenantField field, TenantProblems problems) {
    Optional<TenantFieldFormat> format = TenantFieldFormat.named(schema.path("x-sparkgate-format").asText(""));
    if (format.isPresent()) {
      String problem = format.get().problem(value);
      if (problem != null) {
        problems.add(field, problem);
      }
      return;
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      if (!value.isTextual() && !(value.isIntegralNumber() && value.canConvertToLong())) {
        problems.add(field, TenantProblems.shown(value) + " is not an integer or a string");
      } else if (value.isTextual()) {
        string(value, schema, field, problems);
      }
      return;
    }
    switch (schema.path("type").asText("object")) {
      case "object" -> object(value, schema, field, problems);
      case "array" -> array(value, schema, field, problems);
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(field, TenantProblems.shown(value) + " is not a string");
        } else {
          string(value, schema, field, problems);
        }
      }
      case "integer" -> integer(value, schema, field, problems);
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(field, TenantProblems.shown(value) + " is not a number");
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(field, TenantProblems.shown(value) + " is not true or false");
        }
      }
      default -> { }
    }
  }

  private static void object(JsonNode value, JsonNode schema, TenantField field, TenantProblems problems) {
    if (!value.isObject()) {
      problems.add(field, "is not an object");
      return;
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      for (Iterator<Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
        Entry<String, JsonNode> entry = entries.next();
        present(entry.getValue(), additional, field.child(entry.getKey()), problems);
      }
      return;
    }
    if (!properties.isObject()) {
      return;
    }
    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!properties.has(name)) {
        TreeSet<String> known = new TreeSet<>();
        properties.fieldNames().forEachRemaining(known::add);
        problems.add(field.child(name), "is not a field of " + KIND + " (known: " + String.join(", ", known) + ")");
      }
    }
    for (JsonNode required : schema.path("required")) {
      JsonNode given = value.get(required.asText());
      if (given == null || given.isNull()) {
        problems.add(field.child(required.asText()), "is required");
      }
    }
    for (Iterator<Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext(); ) {
      Entry<String, JsonNode> property = fields.next();
      present(value.get(property.getKey()), property.getValue(), field.child(property.getKey()), problems);
    }
  }

  private static void present(JsonNode value, JsonNode schema, TenantField field, TenantProblems problems) {
    if (value != null && !value.isNull()) {
      value(value, schema, field, problems);
    }
  }

  private static void array(JsonNode value, JsonNode schema, TenantField field, TenantProblems problems) {
    JsonNode items = schema.path("items");
    boolean strings = items.path("type").asText("").equals("string") || items.has("x-sparkgate-format");
    if (!value.isArray()) {
      problems.add(field, strings ? "is not a list of strings" : "is not a list");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (strings && (!item.isTextual() || item.asText().isEmpty())) {
        problems.add(field.item(i), TenantProblems.shown(item) + " is not a non-empty string");
      } else {
        value(item, items, field.item(i), problems);
      }
    }
  }

  private static void string(JsonNode value, JsonNode schema, TenantField field, TenantProblems problems) {
    String text = value.asText();
    if (schema.has("minLength") && text.length() < schema.get("minLength").asLong()) {
      problems.add(field, TenantProblems.shown(value) + " is shorter than " + schema.get("minLength").asLong()
          + " characters");
    } else if (schema.has("maxLength") && text.length() > schema.get("maxLength").asLong()) {
      problems.add(field, TenantProblems.shown(value) + " is longer than " + schema.get("maxLength").asLong()
          + " characters");
    } else if (schema.has("enum") && StreamSupport.stream(schema.get("enum").spliterator(), false)
        .noneMatch(allowed -> allowed.asText().equals(text))) {
      problems.add(field, TenantProblems.shown(value) + " is not one of "
          + String.join(", ", StreamSupport.stream(schema.get("enum").spliterator(), false).map(JsonNode::asText).toList()));
    } else if (schema.has("pattern") && !PATTERNS.get(schema.get("pattern").asText()).test(text)) {
      problems.add(field, TenantProblems.shown(value) + " does not match " + schema.get("pattern").asText());
    }
  }

  private static void integer(JsonNode value, JsonNode schema, TenantField field, TenantProblems problems) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      problems.add(field, TenantProblems.shown(value) + " is not an integer");
      return;
    }
    long number = value.asLong();
    boolean tooSmall = schema.has("minimum") && number < schema.get("minimum").asLong();
    boolean tooLarge = schema.has("maximum") && number > schema.get("maximum").asLong();
    if (tooSmall || tooLarge) {
      String range = !schema.has("maximum") ? "at least " + schema.get("minimum").asLong()
          : !schema.has("minimum") ? "at most " + schema.get("maximum").asLong()
          : "from " + schema.get("minimum").asLong() + " to " + schema.get("maximum").asLong();
      problems.add(field, number + " is out of range: " + range);
    }
  }

  private static JsonNode readSchema() {
    try (InputStream in = SparkTenantValidator.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCHEMA, e);
    }
  }

  /** Every {@code pattern} of the schema, compiled once. */
  private static Map<String, Predicate<String>> patterns(JsonNode schema) {
    Map<String, Predicate<String>> compiled = new HashMap<>();
    collectPatterns(schema, compiled);
    return Map.copyOf(compiled);
  }

  private static void collectPatterns(JsonNode schema, Map<String, Predicate<String>> out) {
    if (schema.path("pattern").isTextual()) {
      out.computeIfAbsent(schema.get("pattern").asText(), p -> Pattern.compile(p).asPredicate());
    }
    for (JsonNode child : schema) {
      if (child.isContainerNode()) {
        collectPatterns(child, out);
      }
    }
  }
}
