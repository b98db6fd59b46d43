package io.sparkgate.backgroundscan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkgate.report.PolicyReports;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster's Sparkgate PolicyReports (those labelled {@code app.kubernetes.io/managed-by:
 * sparkgate}) what a scan says: creates the missing ones, replaces those whose results or summary
 * changed (a report whose results are the same, timestamps aside, is left as it is), and deletes
 * those of namespaces with no results left. Before every write it asks {@code mayWrite}, and stops
 * at the first no. Generic resources: no generated model of the report kinds.
 */
final class PolicyReportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyReportWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "wgpolicyk8s.io";
  private static final String VERSION = "v1alpha2";
  static final ResourceDefinitionContext POLICY_REPORTS = context("PolicyReport", "policyreports", true);
  static final ResourceDefinitionContext CLUSTER_POLICY_REPORTS =
      context("ClusterPolicyReport", "clusterpolicyreports", false);

  /** What one reconciliation did; {@code failed}: writes the API server refused (tried again next scan). */
  record Writes(int created, int replaced, int deleted, int unchanged, int failed, Stop stop) {
    int written() {
      return created + replaced + deleted;
    }
  }

  /** Why it stopped early, or {@code NONE}. */
  enum Stop { NONE, LEASE_LOST, NO_CRD }

  private final KubernetesClient client;
  private boolean crdMissingLogged;

  PolicyReportWriter(KubernetesClient client) {
    this.client = client;
  }

  Writes write(List<ObjectNode> reports, BooleanSupplier mayWrite) {
    Map<String, GenericKubernetesResource> existing = new HashMap<>();
    try {
      list(POLICY_REPORTS, existing);
      list(CLUSTER_POLICY_REPORTS, existing);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        if (!crdMissingLogged) {
          LOG.warn("the PolicyReport CRD (wgpolicyk8s.io/v1alpha2) is not installed: the background scan keeps its "
              + "metrics but writes no reports until it is (install Policy Reporter's or wg-policy's CRDs)");
          crdMissingLogged = true;
        }
        return new Writes(0, 0, 0, 0, 0, Stop.NO_CRD);
      }
      throw e;
    }
    crdMissingLogged = false;
    int created = 0;
    int replaced = 0;
    int unchanged = 0;
    int failed = 0;
    for (ObjectNode report : reports) {
      String key = key(report.path("kind").asText(), report.path("metadata").path("namespace").asText(""),
          report.path("metadata").path("name").asText());
      GenericKubernetesResource current = existing.remove(key);
      if (current != null && sameResults(current, report)) {
        unchanged++;
        continue;
      }
      if (!mayWrite.getAsBoolean()) {
        return new Writes(created, replaced, 0, unchanged, failed, Stop.LEASE_LOST);
      }
      GenericKubernetesResource desired = JSON.convertValue(report, GenericKubernetesResource.class);
      try {
        if (current == null) {
          scoped(desired).resource(desired).create();
          created++;
        } else {
          desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
          scoped(desired).resource(desired).update();
          replaced++;
        }
      } catch (KubernetesClientException e) {
        failed++;
        LOG.warn("cannot write {} {}/{}: {}", desired.getKind(), desired.getMetadata().getNamespace(),
            desired.getMetadata().getName(), e.getMessage());
      }
    }
    int deleted = 0;
    for (GenericKubernetesResource stale : existing.values()) {
      if (!mayWrite.getAsBoolean()) {
        return new Writes(created, replaced, deleted, unchanged, failed, Stop.LEASE_LOST);
      }
      try {
        scoped(stale).resource(stale).delete();
        deleted++;
      } catch (KubernetesClientException e) {
        failed++;
        LOG.warn("cannot delete {} {}/{}: {}", stale.getKind(), stale.getMetadata().getNamespace(),
            stale.getMetadata().getName(), e.getMessage());
      }
    }
    return new Writes(created, replaced, deleted, unchanged, failed, Stop.NONE);
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> scoped(GenericKubernetesResource report) {
    var resources = client.genericKubernetesResources(contextOf(report));
    return report.getMetadata().getNamespace() == null ? resources
        : resources.inNamespace(report.getMetadata().getNamespace());
  }

  private void list(ResourceDefinitionContext context, Map<String, GenericKubernetesResource> into) {
    var resources = client.genericKubernetesResources(context);
    var listed = context.isNamespaceScoped()
        ? resources.inAnyNamespace().withLabel(PolicyReports.MANAGED_BY_LABEL, PolicyReports.SOURCE).list()
        : resources.withLabel(PolicyReports.MANAGED_BY_LABEL, PolicyReports.SOURCE).list();
    for (GenericKubernetesResource report : listed.getItems()) {
      into.put(key(context.getKind(), report.getMetadata().getNamespace(), report.getMetadata().getName()), report);
    }
  }

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  private static ResourceDefinitionContext contextOf(GenericKubernetesResource report) {
    return "ClusterPolicyReport".equals(report.getKind()) ? CLUSTER_POLICY_REPORTS : POLICY_REPORTS;
  }

  /** Same summary and results, the results' timestamps aside. */
  private static boolean sameResults(GenericKubernetesResource current, ObjectNode desired) {
    JsonNode stored = JSON.valueToTree(current);
    return Objects.equals(stored.path("summary"), desired.path("summary"))
        && Objects.equals(withoutTimestamps(stored.path("results")), withoutTimestamps(desired.path("results")));
  }

  private static JsonNode withoutTimestamps(JsonNode results) {
    JsonNode copy = results.deepCopy();
    for (JsonNode result : copy) {
      if (result.isObject()) {
        ((ObjectNode) result).remove("timestamp");
      }
    }
    return copy;
  }

  private static ResourceDefinitionContext context(String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion(VERSION).withKind(kind)
        .withPlural(plural).withNamespaced(namespaced).build();
  }
}
