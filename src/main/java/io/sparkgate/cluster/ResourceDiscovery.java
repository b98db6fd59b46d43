package io.sparkgate.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkgate.enforce.SparkKinds;
import io.sparkgate.policy.ParamKind;
import io.sparkgate.spark.SparkTenantValidator;

/** Where the API server serves the kinds cluster mode watches. */
final class ResourceDiscovery {
  private final KubernetesClient client;

  ResourceDiscovery(KubernetesClient client) {
    this.client = client;
  }

  /** Where the API server serves a kind: Sparkgate's own kinds and ConfigMaps without discovery, others by discovery. */
  ResourceDefinitionContext definition(ParamKind kind) {
    String apiVersion = kind.apiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    if (kind.kind().equals(SparkTenantValidator.KIND) && apiVersion.equals(SparkTenantValidator.API_VERSION)) {
      return context(group, version, kind.kind(), "sparktenants", true);
    }
    if (kind.equals(SparkKinds.EXCEPTION)) {
      return context(group, version, kind.kind(), "sparkpolicyexceptions", true);
    }
    if (apiVersion.equals("v1") && kind.kind().equals("ConfigMap")) {
      return context("", "v1", "ConfigMap", "configmaps", true);
    }
    APIResourceList resources = client.getApiResources(apiVersion);
    if (resources != null && resources.getResources() != null) {
      for (APIResource resource : resources.getResources()) {
        if (kind.kind().equals(resource.getKind()) && !resource.getName().contains("/")) {
          return context(group, version, kind.kind(), resource.getName(), Boolean.TRUE.equals(resource.getNamespaced()));
        }
      }
    }
    throw new IllegalArgumentException("the API server does not serve kind " + kind.kind() + " in " + apiVersion);
  }

  static ResourceDefinitionContext context(String group, String version, String kind, String plural,
      boolean namespaced) {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
        .withPlural(plural).withNamespaced(namespaced).build();
  }
}
