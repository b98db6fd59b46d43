package io.sparkgate.admission;

import java.util.Set;

/**
 * The built-in kinds Kubernetes registers without a namespace, by group and kind. Used where no
 * object or API discovery tells a kind's scope: a bare object given to {@code eval}, a param kind
 * no file holds an object of.
 */
public final class ClusterScopedKinds {
  private static final Set<String> KINDS = Set.of(
      "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
      "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
      "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode",
      "storage.k8s.io/VolumeAttachment", "storage.k8s.io/VolumeAttributesClass",
      "scheduling.k8s.io/PriorityClass", "node.k8s.io/RuntimeClass",
      "networking.k8s.io/IngressClass", "apiextensions.k8s.io/CustomResourceDefinition",
      "apiregistration.k8s.io/APIService", "certificates.k8s.io/CertificateSigningRequest",
      "flowcontrol.apiserver.k8s.io/FlowSchema", "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
      "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
      "admissionregistration.k8s.io/MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
      "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
      "admissionregistration.k8s.io/MutatingAdmissionPolicy",
      "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding");

  private ClusterScopedKinds() {}

  /** Whether {@code kind} of API group {@code group} ("" for the core group) is cluster-scoped. */
  public static boolean contains(String group, String kind) {
    return KINDS.contains(group + "/" + kind);
  }

  /** The same for an {@code apiVersion} such as {@code v1} or {@code rbac.authorization.k8s.io/v1}. */
  public static boolean containsApiVersion(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return contains(slash < 0 ? "" : apiVersion.substring(0, slash), kind);
  }
}
