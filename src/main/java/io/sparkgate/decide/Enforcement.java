package io.sparkgate.decide;

import io.sparkgate.evaluate.EvaluationContext;

/**
 * Where tenants' wishes enter a decision: exceptions that waive a policy for some objects, a
 * tenant's Warn mode, and the admission of Sparkgate's own kinds. The validating dispatcher asks
 * it only when a binding would deny, so requests without violations never pay for it.
 */
public interface Enforcement {
  /** Binding actions as written, nothing waived, no own kinds. */
  Enforcement NONE = new Enforcement() {
    @Override
    public RequestEnforcement forRequest(EvaluationContext context) {
      return (policy, strict) -> null;
    }

    @Override
    public OwnKindVerdict ownKind(EvaluationContext context) {
      return null;
    }
  };

  /** What applies to one request, at its {@code now}; built at most once per request. */
  RequestEnforcement forRequest(EvaluationContext context);

  /** The verdict on a request for one of Sparkgate's own kinds, or null for any other request. */
  OwnKindVerdict ownKind(EvaluationContext context);

  /** One request's view. */
  interface RequestEnforcement {
    /**
     * Why a violation of {@code policy} that its binding would deny is allowed with a warning, or
     * null to deny it. {@code strict} policies may be waived by an exception, never by a tenant.
     */
    DenialRelief reliefFor(String policy, boolean strict);
  }
}
