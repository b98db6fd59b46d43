package io.sparkgate.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered documents into Fabric8's typed model, kind by kind, and refuses any field the
 * model does not know. Fabric8 classes keep unknown fields in {@code additionalProperties} instead
 * of failing, so after a strict Jackson read every model object of the tree is walked and a
 * non-empty {@code additionalProperties} is reported with its path.
 */
final class TypedManifests {
  static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
      Map.entry("v1/Namespace", Namespace.class),
      Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition",
          io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", io.fabric8.kubernetes.api.model.rbac.ClusterRole.class),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding",
          io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class),
      Map.entry("rbac.authorization.k8s.io/v1/Role", io.fabric8.kubernetes.api.model.rbac.Role.class),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", io.fabric8.kubernetes.api.model.rbac.RoleBinding.class),
      Map.entry("v1/ServiceAccount", ServiceAccount.class),
      Map.entry("v1/Service", Service.class),
      Map.entry("v1/ConfigMap", ConfigMap.class),
      Map.entry("v1/Secret", Secret.class),
      Map.entry("v1/ResourceQuota", ResourceQuota.class),
      Map.entry("apps/v1/Deployment", Deployment.class),
      Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
      Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
      Map.entry("admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration", ValidatingWebhookConfiguration.class),
      Map.entry("admissionregistration.k8s.io/v1/MutatingWebhookConfiguration", MutatingWebhookConfiguration.class),
      Map.entry("cert-manager.io/v1/Issuer", Issuer.class),
      Map.entry("cert-manager.io/v1/Certificate", Certificate.class),
      Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
      Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

  private TypedManifests() {}

  /** Typed objects, in document order; throws with every problem found. */
  static List<HasMetadata> read(List<JsonNode> documents) {
    List<HasMetadata> objects = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode document : documents) {
      String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
      String name = key + " " + document.path("metadata").path("name").asText("<no name>");
      Class<? extends HasMetadata> type = KINDS.get(key);
      if (type == null) {
        problems.add(name + ": no typed model is registered for this kind");
        continue;
      }
      HasMetadata object;
      try {
        object = STRICT.treeToValue(document, type);
      } catch (Exception e) {
        problems.add(name + ": " + e.getMessage());
        continue;
      }
      List<String> unknown = new ArrayList<>();
      unknownFields(object, "", unknown, new IdentityHashMap<>());
      unknown.forEach(path -> problems.add(name + ": unknown field " + path));
      objects.add(object);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("manifests do not match the Kubernetes model:\n  " + String.join("\n  ", problems));
    }
    return objects;
  }

  /** Paths of every non-empty additionalProperties below {@code value}. */
  static void unknownFields(Object value, String path, List<String> out, IdentityHashMap<Object, Boolean> seen) {
    if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
        || value instanceof Enum<?> || value.getClass().isPrimitive() || seen.put(value, Boolean.TRUE) != null) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
      return;
    }
    if (value instanceof Collection<?> collection) {
      int i = 0;
      for (Object element : collection) {
        unknownFields(element, path + "[" + i++ + "]", out, seen);
      }
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method method : value.getClass().getMethods()) {
      if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
          || method.getDeclaringClass() == Object.class || !method.getName().startsWith("get")) {
        continue;
      }
      Object child;
      try {
        child = method.invoke(value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (method.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add((path.isEmpty() ? "" : path + ".") + extra.keySet());
        }
        continue;
      }
      String field = method.getName().substring(3);
      field = field.isEmpty() ? field : Character.toLowerCase(field.charAt(0)) + field.substring(1);
      unknownFields(child, path.isEmpty() ? field : path + "." + field, out, seen);
    }
  }
}
