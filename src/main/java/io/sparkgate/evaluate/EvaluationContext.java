package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.NullValue;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.cel.JsonValues;
import io.sparkgate.cel.library.Authorizer;
import io.sparkgate.policy.PolicySet;
import java.time.Instant;

/**
 * One request's evaluation, built once per request and handed to every binding: the request, the
 * policy set that decides it, the time it is decided at, its wall-clock deadline, where
 * explanations go, the authorizer, and the request's CEL values ({@code object}, {@code oldObject},
 * {@code request}, {@code namespaceObject}), each built on first use and then shared by every
 * binding, so that what functions derive from {@code object} can be kept for the whole request.
 * The parts of one binding's evaluation (params, variables, cost budgets) are its
 * {@link Activation}'s. Used by the one thread that evaluates the request.
 */
public final class EvaluationContext {
  private final AdmissionRequest request;
  private final PolicySet set;
  private final Scope scope;
  private final RequestValues values;
  private Object object;

  /** What is the same for the whole request, whichever object a mutation has made of it. */
  private record Scope(Instant now, Deadline deadline, Explainer explain, Authorizer authorizer) {}

  private EvaluationContext(AdmissionRequest request, PolicySet set, Scope scope, RequestValues values) {
    this.request = request;
    this.set = set;
    this.scope = scope;
    this.values = values;
  }

  /** The context of {@code request} decided by {@code set}; see {@link Builder} for the defaults. */
  public static Builder of(AdmissionRequest request, PolicySet set) {
    return new Builder(request, set);
  }

  /**
   * The same request with another object: what a mutation made of it, as the next mutation or
   * the validating phase sees it. Everything but {@code object} is shared.
   */
  public EvaluationContext withObject(JsonNode newObject) {
    if (newObject == request.object()) {
      return this;
    }
    return new EvaluationContext(request.withObject(newObject), set, scope, values);
  }

  public AdmissionRequest request() {
    return request;
  }

  public PolicySet set() {
    return set;
  }

  /** The time exceptions expire against. */
  public Instant now() {
    return scope.now();
  }

  /** The request's wall-clock safety net. */
  public Deadline deadline() {
    return scope.deadline();
  }

  public Explainer explain() {
    return scope.explain();
  }

  Authorizer authorizer() {
    return scope.authorizer();
  }

  /** {@code object}: one value for the request, so that values derived from it can be kept. */
  Object object() {
    if (object == null) {
      object = JsonValues.ofRequestObject(request.object());
    }
    return object;
  }

  Object oldObject() {
    return values.oldObject(request);
  }

  /** {@code request}: the AdmissionRequest without uid, object and oldObject. */
  Object requestValue() {
    return values.request(request);
  }

  Object namespaceObject() {
    return values.namespaceObject(request, set);
  }

  /** The values that do not change with the object, built once for all the contexts of one request. */
  private static final class RequestValues {
    private Object oldObject;
    private Object request;
    private Object namespaceObject;

    Object oldObject(AdmissionRequest admission) {
      if (oldObject == null) {
        oldObject = JsonValues.of(admission.oldObject());
      }
      return oldObject;
    }

    Object request(AdmissionRequest admission) {
      if (request == null) {
        request = JsonValues.of(admission.cel());
      }
      return request;
    }

    /** Kubernetes gives the namespace's metadata, spec and status; null for cluster-scoped objects. */
    Object namespaceObject(AdmissionRequest admission, PolicySet set) {
      if (namespaceObject == null) {
        namespaceObject = admission.namespaced() ? visibleNamespace(set.namespaces().namespace(admission.namespace()))
            : NullValue.NULL_VALUE;
      }
      return namespaceObject;
    }

    private static Object visibleNamespace(JsonNode namespace) {
      ObjectNode visible = JsonNodeFactory.instance.objectNode();
      for (String field : new String[] {"metadata", "spec", "status"}) {
        if (namespace.has(field)) {
          visible.set(field, namespace.get(field));
        }
      }
      return JsonValues.of(visible);
    }
  }

  /**
   * Builds a context. Defaults: decided at the time of {@link #build()}, no deadline, no
   * explanations, the authorizer whose every check fails.
   */
  public static final class Builder {
    private final AdmissionRequest request;
    private final PolicySet set;
    private Instant now;
    private Deadline deadline = Deadline.NONE;
    private Explainer explain = Explainer.NONE;
    private Authorizer authorizer = CelEnvironment.unsupportedAuthorizer();

    private Builder(AdmissionRequest request, PolicySet set) {
      this.request = request;
      this.set = set;
    }

    public Builder now(Instant time) {
      this.now = time;
      return this;
    }

    public Builder deadline(Deadline requestDeadline) {
      this.deadline = requestDeadline;
      return this;
    }

    public Builder explain(Explainer explainer) {
      this.explain = explainer;
      return this;
    }

    public Builder authorizer(Authorizer checks) {
      this.authorizer = checks;
      return this;
    }

    public EvaluationContext build() {
      Scope scope = new Scope(now != null ? now : Instant.now(), deadline, explain, authorizer);
      return new EvaluationContext(request, set, scope, new RequestValues());
    }
  }
}
