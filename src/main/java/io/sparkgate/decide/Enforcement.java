package io.sparkgate.decide;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.ParamLookup;
import java.time.Instant;

/**
 * Where tenants' wishes enter a decision: exceptions that waive a policy for some objects, a
 * tenant's Warn mode, and the admission of Sparkgate's own kinds. The validating dispatcher asks
 * it only when a binding would deny, so requests without violations never pay for it.
 */
public interface Enforcement {
  /** Binding actions as written, nothing waived, no own kinds. */
  Enforcement NONE = new Enforcement() {
    @Override
    public RequestEnforcement forRequest(AdmissionRequest request, ParamLookup params, Instant now, Explainer explain) {
      return (policy, strict) -> null;
    }

    @Override
    public OwnKindVerdict ownKind(AdmissionRequest request, ParamLookup params, Instant now) {
      return null;
    }
  };

  /** What applies to one request, at {@code now}; built at most once per request. */
  RequestEnforcement forRequest(AdmissionRequest request, ParamLookup params, Instant now, Explainer explain);

  /** The verdict on a request for one of Sparkgate's own kinds, or null for any other request. */
  OwnKindVerdict ownKind(AdmissionRequest request, ParamLookup params, Instant now);

  /** One request's view. */
  interface RequestEnforcement {
    /**
     * Why a violation of {@code policy} that its binding would deny is allowed with a warning, or
     * null to deny it. {@code strict} policies may be waived by an exception, never by a tenant.
     */
    DenialRelief reliefFor(String policy, boolean strict);
  }
}
