package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.sparkgate.cel.spark.SparkCpu;
import io.sparkgate.cel.spark.SparkMemory;
import io.sparkgate.cel.spark.SparkValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sparkgate's own checks of a {@code sparkgate.io/v1 SparkTenant}: every field the Spark pack reads
 * must parse the way the pack's policies parse it (memory sizes as {@code spark.memoryBytes}, CPU
 * amounts as {@code spark.millicores}, the name pattern as RE2, {@code maxDuration} as CEL's
 * {@code duration()}), and no field may be unknown (a misspelt limit would otherwise silently not
 * apply). The CRD in {@code deploy/} checks the same shape at the API server; this check also covers
 * tenants given as files and clusters that run without the CRD's schema.
 *
 * <p>A tenant with a problem is not used with a default: every binding that reads it fails, with
 * the message {@code SparkTenant <namespace>/<name>: <field> <what is wrong>}.
 */
public final class SparkTenantValidator {
  public static final String API_VERSION = "sparkgate.io/v1";
  public static final String KIND = "SparkTenant";

  /** Spark's longest usable application name; see docs/spark-pack.md. */
  static final int MAX_NAME_LENGTH = 34;

  private static final java.util.regex.Pattern LABEL_VALUE =
      java.util.regex.Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final java.util.regex.Pattern DNS_SUBDOMAIN =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final java.util.regex.Pattern URI_SCHEME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

  private static final Set<String> SPEC_FIELDS = Set.of("team", "costCenter", "limits", "naming", "residency",
      "maxDuration", "images", "serviceAccounts", "scheduling", "memoryOvercommitRatio");
  private static final Map<String, Set<String>> ROLE_FIELDS = Map.of(
      "driver", Set.of("maxCores", "maxMemory"),
      "executor", Set.of("maxCores", "maxMemory", "maxInstances"),
      "total", Set.of("maxCores", "maxMemory"));

  /** One problem: the JSON pointer of the field and the sentence that names it. */
  public record Problem(String pointer, String message) {}

  private SparkTenantValidator() {}

  public static boolean isTenant(JsonNode object) {
    return KIND.equals(object.path("kind").asText()) && API_VERSION.equals(object.path("apiVersion").asText());
  }

  /** Every problem of the tenant's spec, in field order; empty for a good tenant. */
  public static List<Problem> check(JsonNode tenant) {
    List<Problem> problems = new ArrayList<>();
    JsonNode spec = tenant.get("spec");
    if (spec == null || spec.isNull()) {
      return problems; // the tenant-required policies say "has no spec"
    }
    if (!spec.isObject()) {
      problems.add(new Problem("/spec", "spec is not an object"));
      return problems;
    }
    unknownFields(spec, "spec", SPEC_FIELDS, problems);
    labelValue(spec, "team", "spec", problems);
    labelValue(spec, "costCenter", "spec", problems);
    JsonNode limits = object(spec, "limits", "spec", problems);
    if (limits != null) {
      unknownFields(limits, "spec.limits", ROLE_FIELDS.keySet(), problems);
      for (String role : List.of("driver", "executor", "total")) {
        String at = "spec.limits";
        JsonNode limit = object(limits, role, at, problems);
        if (limit == null) {
          continue;
        }
        at = at + "." + role;
        unknownFields(limit, at, ROLE_FIELDS.get(role), problems);
        cores(limit, at, problems);
        memory(limit, at, problems);
        if (limit.has("maxInstances")) {
          integer(limit, "maxInstances", at, 0, Integer.MAX_VALUE, problems);
        }
      }
    }
    JsonNode naming = object(spec, "naming", "spec", problems);
    if (naming != null) {
      unknownFields(naming, "spec.naming", Set.of("pattern", "maxLength"), problems);
      pattern(naming, problems);
      if (naming.has("maxLength")) {
        integer(naming, "maxLength", "spec.naming", 1, MAX_NAME_LENGTH, problems);
      }
    }
    JsonNode residency = object(spec, "residency", "spec", problems);
    if (residency != null) {
      unknownFields(residency, "spec.residency", Set.of("regions", "storagePrefixes"), problems);
      strings(residency, "regions", "spec.residency", LABEL_VALUE, "a region name (a label value)", problems);
      strings(residency, "storagePrefixes", "spec.residency", URI_SCHEME,
          "a URI prefix with a scheme, such as \"s3a://bucket/\"", problems);
    }
    duration(spec, problems);
    JsonNode images = object(spec, "images", "spec", problems);
    if (images != null) {
      unknownFields(images, "spec.images", Set.of("allowedPrefixes"), problems);
      strings(images, "allowedPrefixes", "spec.images", null, null, problems);
    }
    strings(spec, "serviceAccounts", "spec", DNS_SUBDOMAIN, "a service account name", problems);
    JsonNode scheduling = object(spec, "scheduling", "spec", problems);
    if (scheduling != null) {
      unknownFields(scheduling, "spec.scheduling",
          Set.of("driverPriorityClasses", "executorPriorityClasses", "queues"), problems);
      strings(scheduling, "driverPriorityClasses", "spec.scheduling", DNS_SUBDOMAIN, "a priority class name", problems);
      strings(scheduling, "executorPriorityClasses", "spec.scheduling", DNS_SUBDOMAIN, "a priority class name",
          problems);
      strings(scheduling, "queues", "spec.scheduling", null, null, problems);
    }
    JsonNode ratio = spec.get("memoryOvercommitRatio");
    if (ratio != null && (!ratio.isNumber() || ratio.asDouble() < 1 || !Double.isFinite(ratio.asDouble()))) {
      problems.add(new Problem("/spec/memoryOvercommitRatio",
          "spec.memoryOvercommitRatio " + ratio + " is not a number of at least 1 (a memory limit over the request)"));
    }
    return problems;
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

  private static String pointer(String field) {
    return "/" + field.replace('.', '/');
  }

  private static void add(List<Problem> problems, String field, String message) {
    problems.add(new Problem(pointer(field), field + " " + message));
  }

  private static void unknownFields(JsonNode node, String at, Set<String> known, List<Problem> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        add(problems, at + "." + name, "is not a field of SparkTenant (known: "
            + known.stream().sorted().toList().toString().replaceAll("[\\[\\]]", "") + ")");
      }
    }
  }

  private static JsonNode object(JsonNode parent, String name, String at, List<Problem> problems) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      add(problems, at + "." + name, "is not an object");
      return null;
    }
    return node;
  }

  private static String shown(JsonNode value) {
    String text = value.isTextual() ? value.asText() : value.toString();
    if (text.length() > 64) {
      text = text.substring(0, 64) + "…";
    }
    return value.isTextual() ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : text;
  }

  private static void labelValue(JsonNode parent, String name, String at, List<Problem> problems) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return;
    }
    String field = at + "." + name;
    if (!value.isTextual()) {
      add(problems, field, shown(value) + " is not a string");
    } else if (value.asText().length() > 63 || !LABEL_VALUE.matcher(value.asText()).matches()) {
      add(problems, field, shown(value) + " is not a label value: at most 63 letters, digits, '-', '_' or '.',"
          + " starting and ending with a letter or digit (it becomes a pod label)");
    }
  }

  private static void cores(JsonNode limit, String at, List<Problem> problems) {
    JsonNode value = limit.get("maxCores");
    if (value == null || value.isNull()) {
      return;
    }
    String field = at + ".maxCores";
    try {
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        SparkCpu.millicores(value.asLong());
      } else if (value.isTextual()) {
        SparkCpu.millicores(value.asText());
      } else {
        add(problems, field, shown(value) + " is not a CPU amount: use an integer or a quantity string such as \"1500m\"");
      }
    } catch (SparkValueException e) {
      add(problems, field, e.getMessage());
    }
  }

  private static void memory(JsonNode limit, String at, List<Problem> problems) {
    JsonNode value = limit.get("maxMemory");
    if (value == null || value.isNull()) {
      return;
    }
    String field = at + ".maxMemory";
    try {
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        SparkMemory.checkBytes(value.asLong());
      } else if (value.isTextual()) {
        SparkMemory.parseBytes(value.asText());
      } else {
        add(problems, field, shown(value) + " is not a memory size: use a string such as \"8g\" or \"8Gi\"");
      }
    } catch (SparkValueException e) {
      add(problems, field, e.getMessage());
    }
  }

  private static void integer(JsonNode parent, String name, String at, long min, long max, List<Problem> problems) {
    JsonNode value = parent.get(name);
    String field = at + "." + name;
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      add(problems, field, shown(value) + " is not an integer");
    } else if (value.asLong() < min || value.asLong() > max) {
      add(problems, field, value.asLong() + " is out of range: " + (max == Integer.MAX_VALUE
          ? "at least " + min : "from " + min + " to " + max));
    }
  }

  private static void pattern(JsonNode naming, List<Problem> problems) {
    JsonNode value = naming.get("pattern");
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isTextual()) {
      add(problems, "spec.naming.pattern", shown(value) + " is not a string");
      return;
    }
    if (value.asText().isEmpty()) {
      add(problems, "spec.naming.pattern", "is empty: leave it out to allow any name");
      return;
    }
    try {
      Pattern.compile(value.asText());
    } catch (PatternSyntaxException e) {
      add(problems, "spec.naming.pattern", shown(value) + " is not a regular expression (RE2): " + e.getMessage());
    }
  }

  private static void duration(JsonNode spec, List<Problem> problems) {
    JsonNode value = spec.get("maxDuration");
    if (value == null || value.isNull()) {
      return;
    }
    String field = "spec.maxDuration";
    String notADuration = " is not a duration: use hours, minutes and seconds such as \"90m\", \"24h\" or \"1h30m\"";
    if (!value.isTextual()) {
      add(problems, field, shown(value) + notADuration);
      return;
    }
    Duration parsed;
    try {
      // The very parser of CEL's duration(string), which the pack's policies call.
      parsed = dev.cel.runtime.RuntimeHelpers.createJavaDurationFromString(value.asText());
    } catch (RuntimeException e) {
      add(problems, field, shown(value) + notADuration);
      return;
    }
    if (parsed.isNegative() || parsed.isZero()) {
      add(problems, field, shown(value) + " is not a positive duration");
    }
  }

  private static void strings(JsonNode parent, String name, String at, java.util.regex.Pattern shape,
      String shapeName, List<Problem> problems) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return;
    }
    String field = at + "." + name;
    if (!value.isArray()) {
      add(problems, field, "is not a list of strings");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemField = field + "[" + i + "]";
      if (!item.isTextual() || item.asText().isEmpty()) {
        problems.add(new Problem(pointer(field) + "/" + i, itemField + " " + shown(item) + " is not a non-empty string"));
      } else if (shape != null && (item.asText().length() > 253 || !shape.matcher(item.asText()).matches())) {
        problems.add(new Problem(pointer(field) + "/" + i, itemField + " " + shown(item) + " is not " + shapeName));
      }
    }
  }
}
