package io.sparkgate.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The part of an AdmissionReview the engine works from, decoded once. {@code object} and
 * {@code oldObject} are null when the review has none (DELETE, CREATE). {@code cel} is the
 * request as the CEL variable {@code request} sees it: the AdmissionRequest without uid, object
 * and oldObject.
 */
public record AdmissionRequest(
    String uid,
    GroupVersionKind kind,
    GroupVersionResource resource,
    String subResource,
    String name,
    String namespace,
    String operation,
    String username,
    List<String> groups,
    boolean dryRun,
    JsonNode object,
    JsonNode oldObject,
    ObjectNode cel) {

  /**
   * Whether the object lives in a namespace. A Namespace's own request carries its name in
   * {@code namespace}, yet the Namespace is cluster-scoped, as Kubernetes' matching treats it.
   */
  public boolean namespaced() {
    return namespace != null && !namespace.isEmpty() && !isNamespace();
  }

  public boolean isNamespace() {
    return resource.group().isEmpty() && resource.resource().equals("namespaces") && subResource.isEmpty();
  }

  /** The new object, or for DELETE the old one: what selectors and names refer to. */
  public JsonNode subject() {
    return object != null ? object : oldObject;
  }

  /** The request with another object, as the validating phase sees it after mutation. */
  public AdmissionRequest withObject(JsonNode newObject) {
    return new AdmissionRequest(
        uid, kind, resource, subResource, name, namespace, operation, username, groups, dryRun,
        newObject, oldObject, cel);
  }
}
