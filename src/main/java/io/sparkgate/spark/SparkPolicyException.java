package io.sparkgate.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A {@code sparkgate.io/v1 SparkPolicyException}: the named policies are waived, until
 * {@code expires}, for the Spark applications of its namespace whose names match one of the
 * globs (and their driver and executor pods). Read once when the object enters a store; an
 * exception with a problem is kept with its problems and never waives anything.
 */
public record SparkPolicyException(
    String namespace,
    String name,
    List<String> policies,
    List<NameGlob> applications,
    Instant expires,
    String reason,
    List<FieldProblem> problems) {

  public static final String API_VERSION = "sparkgate.io/v1";
  public static final String KIND = "SparkPolicyException";
  private static final Set<String> SPEC_FIELDS = Set.of("policies", "applications", "expires", "reason");

  public static boolean isException(JsonNode object) {
    return KIND.equals(object.path("kind").asText()) && API_VERSION.equals(object.path("apiVersion").asText());
  }

  /** Reads and checks an exception; its problems, if any, are in {@link #problems()}. */
  public static SparkPolicyException read(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String namespace = metadata.path("namespace").asText("");
    String name = metadata.path("name").asText("");
    List<FieldProblem> problems = new ArrayList<>();
    if (namespace.isEmpty()) {
      problems.add(new FieldProblem("/metadata", "metadata.namespace is missing: an exception applies in its namespace only"));
    }
    JsonNode spec = object.get("spec");
    if (spec == null || !spec.isObject()) {
      problems.add(new FieldProblem("/spec", "spec is missing or not an object: policies, applications, expires and reason are required"));
      return new SparkPolicyException(namespace, name, List.of(), List.of(), null, "", List.copyOf(problems));
    }
    for (Iterator<String> fields = spec.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!SPEC_FIELDS.contains(field)) {
        problems.add(new FieldProblem("/spec/" + field, "spec." + field
            + " is not a field of SparkPolicyException (known: applications, expires, policies, reason)"));
      }
    }
    List<String> policies = strings(spec, "policies", problems);
    for (int i = 0; i < policies.size(); i++) {
      if (policies.get(i).contains("*") || policies.get(i).contains("?")) {
        problems.add(new FieldProblem("/spec/policies/" + i, "spec.policies[" + i + "] \"" + policies.get(i)
            + "\" is not a policy name: an exception names each policy it waives exactly"));
      }
    }
    List<NameGlob> applications = strings(spec, "applications", problems).stream().map(NameGlob::new).toList();
    Instant expires = expires(spec.get("expires"), problems);
    JsonNode reason = spec.get("reason");
    String reasonText = reason != null && reason.isTextual() ? reason.asText().strip() : "";
    if (reasonText.isEmpty()) {
      problems.add(new FieldProblem(reason == null ? "/spec" : "/spec/reason",
          "spec.reason is required: say why the exception is granted (a ticket, an incident)"));
    }
    return new SparkPolicyException(namespace, name, policies, applications, expires, reasonText, List.copyOf(problems));
  }

  /** {@code <namespace>/<name>}, as warnings and audit records name the exception. */
  public String ref() {
    return namespace + "/" + name;
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  public boolean activeAt(Instant now) {
    return valid() && now.isBefore(expires);
  }

  public boolean waives(String policy) {
    return policies.contains(policy);
  }

  /** The first glob matching one of {@code names}, or null. */
  public NameGlob matching(List<String> names) {
    for (NameGlob glob : applications) {
      for (String candidate : names) {
        if (glob.matches(candidate)) {
          return glob;
        }
      }
    }
    return null;
  }

  /** {@code SparkPolicyException <namespace>/<name>: <problem>; <problem>}. */
  public String problemMessage() {
    StringBuilder message = new StringBuilder(KIND).append(' ').append(ref()).append(": ");
    for (int i = 0; i < problems.size(); i++) {
      message.append(i == 0 ? "" : "; ").append(problems.get(i).message());
    }
    return message.toString();
  }

  private static List<String> strings(JsonNode spec, String field, List<FieldProblem> problems) {
    JsonNode value = spec.get(field);
    if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
      problems.add(new FieldProblem(value == null ? "/spec" : "/spec/" + field,
          "spec." + field + " is required and may not be empty"));
      return List.of();
    }
    if (!value.isArray()) {
      problems.add(new FieldProblem("/spec/" + field, "spec." + field + " is not a list of strings"));
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isTextual() || item.asText().isEmpty()) {
        problems.add(new FieldProblem("/spec/" + field + "/" + i,
            "spec." + field + "[" + i + "] " + item + " is not a non-empty string"));
      } else {
        texts.add(item.asText());
      }
    }
    return List.copyOf(texts);
  }

  private static Instant expires(JsonNode value, List<FieldProblem> problems) {
    if (value == null || value.isNull()) {
      problems.add(new FieldProblem("/spec", "spec.expires is required: an RFC 3339 time such as \"2026-12-10T06:00:00Z\""));
      return null;
    }
    try {
      if (value.isTextual()) {
        return OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    String shown = value.toString();
    problems.add(new FieldProblem("/spec/expires", "spec.expires " + (shown.length() > 64 ? shown.substring(0, 64) + "…" : shown)
        + " is not an RFC 3339 time such as \"2026-12-10T06:00:00Z\""));
    return null;
  }
}
