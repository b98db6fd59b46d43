package io.sparkgate.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.RuntimeHelpers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SparkTenant's enforcement settings: {@code spec.enforcement} (Deny or Warn),
 * {@code spec.policyActions} (per policy), and {@code spec.exceptions} (who approves a
 * SparkPolicyException in the namespace, and for how long at most). A tenant whose settings do not
 * read gets none of them: Deny, no tenant approvers.
 */
public record TenantEnforcement(
    EnforcementMode mode,
    Map<String, EnforcementMode> policyActions,
    List<String> approverUsers,
    List<String> approverGroups,
    Duration maxExceptionDuration) {

  public static final Duration DEFAULT_MAX_EXCEPTION_DURATION = Duration.ofHours(720);
  public static final TenantEnforcement STRICT =
      new TenantEnforcement(EnforcementMode.DENY, Map.of(), List.of(), List.of(), DEFAULT_MAX_EXCEPTION_DURATION);

  /** The fields of {@code spec} these settings own. */
  public static final Set<String> SPEC_FIELDS = Set.of("enforcement", "policyActions", "exceptions");

  /** The mode for one policy: its override, else the tenant's. */
  public EnforcementMode modeFor(String policy) {
    return policyActions.getOrDefault(policy, mode);
  }

  public boolean approves(String user, List<String> groups) {
    return approverUsers.contains(user) || groups.stream().anyMatch(approverGroups::contains);
  }

  /** The settings of a tenant's spec; {@link #STRICT} when any of them has a problem. */
  public static TenantEnforcement of(JsonNode spec) {
    if (spec == null || !spec.isObject() || !problems(spec).isEmpty()) {
      return STRICT;
    }
    Map<String, EnforcementMode> actions = new LinkedHashMap<>();
    spec.path("policyActions").fields().forEachRemaining(e -> actions.put(e.getKey(), EnforcementMode.parse(e.getValue().asText())));
    JsonNode exceptions = spec.path("exceptions");
    JsonNode approvers = exceptions.path("approvers");
    JsonNode maxDuration = exceptions.get("maxDuration");
    return new TenantEnforcement(
        spec.has("enforcement") ? EnforcementMode.parse(spec.get("enforcement").asText()) : EnforcementMode.DENY,
        Map.copyOf(actions), texts(approvers.path("users")), texts(approvers.path("groups")),
        maxDuration == null ? DEFAULT_MAX_EXCEPTION_DURATION : parseDuration(maxDuration.asText()));
  }

  /** Every problem of the enforcement fields of a tenant's spec, in field order. */
  public static List<FieldProblem> problems(JsonNode spec) {
    List<FieldProblem> problems = new ArrayList<>();
    JsonNode enforcement = spec.get("enforcement");
    if (enforcement != null && (!enforcement.isTextual() || EnforcementMode.parse(enforcement.asText()) == null)) {
      problems.add(new FieldProblem("/spec/enforcement", "spec.enforcement " + enforcement + " is not Deny or Warn"));
    }
    JsonNode actions = spec.get("policyActions");
    if (actions != null) {
      if (!actions.isObject()) {
        problems.add(new FieldProblem("/spec/policyActions", "spec.policyActions is not a map of policy names to Deny or Warn"));
      } else {
        actions.fields().forEachRemaining(e -> {
          if (!e.getValue().isTextual() || EnforcementMode.parse(e.getValue().asText()) == null) {
            problems.add(new FieldProblem("/spec/policyActions/" + e.getKey().replace("~", "~0").replace("/", "~1"),
                "spec.policyActions." + e.getKey() + " " + e.getValue() + " is not Deny or Warn"));
          }
        });
      }
    }
    JsonNode exceptions = spec.get("exceptions");
    if (exceptions != null) {
      exceptionSettings(exceptions, problems);
    }
    return problems;
  }

  private static void exceptionSettings(JsonNode exceptions, List<FieldProblem> problems) {
    if (!exceptions.isObject()) {
      problems.add(new FieldProblem("/spec/exceptions", "spec.exceptions is not an object"));
      return;
    }
    unknown(exceptions, "spec.exceptions", Set.of("approvers", "maxDuration"), problems);
    JsonNode approvers = exceptions.get("approvers");
    if (approvers != null) {
      if (!approvers.isObject()) {
        problems.add(new FieldProblem("/spec/exceptions/approvers", "spec.exceptions.approvers is not an object"));
      } else {
        unknown(approvers, "spec.exceptions.approvers", Set.of("users", "groups"), problems);
        for (String list : List.of("users", "groups")) {
          JsonNode names = approvers.get(list);
          if (names != null && (!names.isArray() || !allNonEmptyTexts(names))) {
            problems.add(new FieldProblem("/spec/exceptions/approvers/" + list,
                "spec.exceptions.approvers." + list + " is not a list of non-empty strings"));
          }
        }
      }
    }
    JsonNode maxDuration = exceptions.get("maxDuration");
    if (maxDuration != null) {
      Duration parsed = maxDuration.isTextual() ? parseDuration(maxDuration.asText()) : null;
      if (parsed == null || parsed.isNegative() || parsed.isZero()) {
        problems.add(new FieldProblem("/spec/exceptions/maxDuration", "spec.exceptions.maxDuration " + maxDuration
            + " is not a positive duration such as \"720h\" or \"72h30m\""));
      }
    }
  }

  private static void unknown(JsonNode node, String at, Set<String> known, List<FieldProblem> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(new FieldProblem("/" + at.replace('.', '/') + "/" + name, at + "." + name
            + " is not a field of SparkTenant (known: " + String.join(", ", known.stream().sorted().toList()) + ")"));
      }
    }
  }

  private static boolean allNonEmptyTexts(JsonNode array) {
    for (JsonNode item : array) {
      if (!item.isTextual() || item.asText().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return List.copyOf(texts);
  }

  /** A Go duration as CEL's {@code duration()} reads it ({@code 720h}, {@code 1h30m}), or null. */
  static Duration parseDuration(String text) {
    try {
      return RuntimeHelpers.createJavaDurationFromString(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
