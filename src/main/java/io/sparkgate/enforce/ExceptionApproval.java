package io.sparkgate.enforce;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.decide.OwnKindVerdict;
import io.sparkgate.policy.DenialReason;
import io.sparkgate.policy.ParamLookup;
import io.sparkgate.policy.ParamObject;
import io.sparkgate.spark.SparkPolicyException;
import io.sparkgate.spark.TenantEnforcement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may create or change a SparkPolicyException: a user or group named in the namespace's
 * SparkTenant ({@code spec.exceptions.approvers}) or among the platform's approvers; its
 * {@code expires} must be in the future and within the tenant's {@code spec.exceptions.maxDuration}
 * (720h by default) of the request. A malformed exception is refused with its problems. Deleting
 * one, or changing only its metadata, needs no approval: it widens nothing.
 */
final class ExceptionApproval {
  static final String CHECK = "sparkgate.io/exception-approval";
  private static final String GROUP = "sparkgate.io";
  private static final String RESOURCE = "sparkpolicyexceptions";

  private final PlatformApprovers platform;

  ExceptionApproval(PlatformApprovers platform) {
    this.platform = platform;
  }

  OwnKindVerdict verdict(AdmissionRequest request, ParamLookup params, Instant now) {
    if (!GROUP.equals(request.resource().group()) || !RESOURCE.equals(request.resource().resource())
        || !request.subResource().isEmpty() || request.object() == null
        || !(request.operation().equals("CREATE") || request.operation().equals("UPDATE"))) {
      return null;
    }
    SparkPolicyException exception = SparkPolicyException.read(request.object());
    if (!exception.valid()) {
      return OwnKindVerdict.deny(CHECK, exception.problemMessage(), DenialReason.INVALID);
    }
    if (request.oldObject() != null && request.oldObject().path("spec").equals(request.object().path("spec"))) {
      return OwnKindVerdict.allow(CHECK, "spec unchanged: no approval needed");
    }
    List<ParamObject> tenants = SparkKinds.tenants(params, request.namespace());
    String subject = "SparkPolicyException " + exception.ref();
    if (!exception.expires().isAfter(now)) {
      return OwnKindVerdict.deny(CHECK, subject + ": spec.expires " + exception.expires() + " is not in the future",
          DenialReason.INVALID);
    }
    Duration limit = maxDuration(tenants);
    Duration asked = Duration.between(now, exception.expires());
    if (asked.compareTo(limit) > 0) {
      return OwnKindVerdict.deny(CHECK, subject + ": spec.expires " + exception.expires() + " is " + hours(asked)
          + " away, beyond the maximum of " + hours(limit) + " (" + limitSource(tenants) + ")", DenialReason.INVALID);
    }
    String user = request.username();
    List<String> groups = request.groups() == null ? List.of() : request.groups();
    if (platform.approves(user, groups)) {
      return OwnKindVerdict.allow(CHECK, "approved by " + user + ", a platform approver of exceptions");
    }
    if (!tenants.isEmpty() && tenants.stream().allMatch(t -> t.enforcement() != null && t.enforcement().approves(user, groups))) {
      return OwnKindVerdict.allow(CHECK, "approved by " + user + ", an approver of " + SparkKinds.describe(tenants.get(0)));
    }
    return OwnKindVerdict.deny(CHECK, "user \"" + user + "\" may not approve " + subject + ": " + approvers(tenants),
        DenialReason.FORBIDDEN);
  }

  private String approvers(List<ParamObject> tenants) {
    List<String> parts = new ArrayList<>();
    for (ParamObject tenant : tenants) {
      TenantEnforcement settings = tenant.enforcement();
      if (settings != null && (!settings.approverUsers().isEmpty() || !settings.approverGroups().isEmpty())) {
        parts.add(names(settings.approverUsers(), settings.approverGroups()) + " of " + SparkKinds.describe(tenant)
            + " (spec.exceptions.approvers)");
      }
    }
    if (!platform.isEmpty()) {
      parts.add(names(platform.users(), platform.groups()) + " (the platform's approvers)");
    }
    if (parts.isEmpty()) {
      return "no approvers are configured for this namespace: ask the platform team";
    }
    return "approvers are " + String.join(" and ", parts);
  }

  private static String names(List<String> users, List<String> groups) {
    List<String> parts = new ArrayList<>();
    if (!users.isEmpty()) {
      parts.add("users " + String.join(", ", users));
    }
    if (!groups.isEmpty()) {
      parts.add("groups " + String.join(", ", groups));
    }
    return String.join("; ", parts);
  }

  private static Duration maxDuration(List<ParamObject> tenants) {
    Duration limit = TenantEnforcement.DEFAULT_MAX_EXCEPTION_DURATION;
    boolean first = true;
    for (ParamObject tenant : tenants) {
      Duration own = tenant.enforcement() == null ? TenantEnforcement.DEFAULT_MAX_EXCEPTION_DURATION
          : tenant.enforcement().maxExceptionDuration();
      limit = first ? own : (own.compareTo(limit) < 0 ? own : limit);
      first = false;
    }
    return limit;
  }

  private static String limitSource(List<ParamObject> tenants) {
    boolean set = tenants.stream().anyMatch(t -> t.object().path("spec").path("exceptions").has("maxDuration"));
    return set ? SparkKinds.describe(tenants.get(0)) + " spec.exceptions.maxDuration" : "the default maxDuration";
  }

  /** A duration as hours and minutes, as maxDuration is written ({@code 720h}, {@code 36h30m}). */
  static String hours(Duration duration) {
    long minutes = (duration.getSeconds() + 59) / 60;
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + minutes % 60 + "m";
  }
}
