package io.sparkgate.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.decide.DenialRelief;
import io.sparkgate.decide.Enforcement;
import io.sparkgate.decide.OwnKindVerdict;
import io.sparkgate.evaluate.EvaluationContext;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.ParamLookup;
import io.sparkgate.policy.ParamObject;
import io.sparkgate.spark.EnforcementMode;
import io.sparkgate.spark.NameGlob;
import io.sparkgate.spark.SparkAppNames;
import io.sparkgate.spark.SparkPolicyException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark tenants' enforcement: a SparkPolicyException of the request's namespace that is
 * active, names the policy and matches the Spark application waives the violation; otherwise a
 * tenant in Warn mode for the policy (and the policy not strict) turns it into a warning.
 * Requests for SparkPolicyExceptions themselves are approved by {@link ExceptionApproval}.
 */
public final class SparkEnforcement implements Enforcement {
  private final ExceptionApproval approval;

  public SparkEnforcement(PlatformApprovers platformApprovers) {
    this.approval = new ExceptionApproval(platformApprovers);
  }

  @Override
  public RequestEnforcement forRequest(EvaluationContext context) {
    AdmissionRequest request = context.request();
    ParamLookup params = context.set().params();
    Instant now = context.now();
    Explainer explain = context.explain();
    if (!request.namespaced()) {
      return (policy, strict) -> null;
    }
    JsonNode subject = request.object() != null ? request.object() : request.oldObject();
    List<String> names = SparkAppNames.of(subject);
    List<ParamObject> exceptions = SparkKinds.exceptions(params, request.namespace());
    List<ParamObject> tenants = SparkKinds.tenants(params, request.namespace());
    // a policy with several violations is decided (and explained) once
    Map<String, Optional<DenialRelief>> decided = new HashMap<>();
    return (policy, strict) -> decided.computeIfAbsent(policy, p -> {
      DenialRelief waived = waiver(p, names, exceptions, now, explain);
      return Optional.ofNullable(waived != null || strict ? waived : warnMode(p, tenants));
    }).orElse(null);
  }

  @Override
  public OwnKindVerdict ownKind(EvaluationContext context) {
    return approval.verdict(context.request(), context.set().params(), context.now());
  }

  private static DenialRelief waiver(String policy, List<String> names, List<ParamObject> exceptions, Instant now,
      Explainer explain) {
    DenialRelief found = null;
    for (ParamObject object : exceptions) {
      SparkPolicyException exception = object.exception();
      if (exception == null) {
        continue;
      }
      String whyNot = whyNot(exception, policy, names, now);
      if (whyNot == null && found == null) {
        found = DenialRelief.exception(exception.ref(), exception.expires());
        if (!explain.enabled()) {
          return found;
        }
        explain.exception(exception.ref(), policy, true, "names the policy, application "
            + exception.matching(names) + " matches " + names + ", expires " + exception.expires());
      } else if (explain.enabled()) {
        explain.exception(exception.ref(), policy, false, whyNot != null ? whyNot : "an earlier exception applies");
      }
    }
    return found;
  }

  /** Why the exception does not waive {@code policy} for the object, or null when it does. */
  private static String whyNot(SparkPolicyException exception, String policy, List<String> names, Instant now) {
    if (!exception.valid()) {
      return "it is malformed: " + exception.problemMessage();
    }
    if (!exception.activeAt(now)) {
      return "it expired at " + exception.expires();
    }
    if (!exception.waives(policy)) {
      return "it waives only " + exception.policies();
    }
    if (names.isEmpty()) {
      return "the object is not a Spark application or a Spark pod";
    }
    NameGlob glob = exception.matching(names);
    return glob == null ? "no glob of " + exception.applications() + " matches " + names : null;
  }

  /** The tenant's Warn mode for the policy; every tenant of the namespace must agree. */
  private static DenialRelief warnMode(String policy, List<ParamObject> tenants) {
    if (tenants.isEmpty()) {
      return null;
    }
    for (ParamObject tenant : tenants) {
      if (tenant.enforcement() == null || tenant.enforcement().modeFor(policy) != EnforcementMode.WARN) {
        return null;
      }
    }
    return DenialRelief.tenantWarn(SparkKinds.describe(tenants.get(0)));
  }
}
