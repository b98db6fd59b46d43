package io.sparkgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.sparkgate.spark.SparkPods;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark objects that run in the cluster, held by informers for the background scan: both
 * operators' SparkApplications, the kubeflow operator's ScheduledSparkApplications, and the pods
 * Spark creates (labelled {@code spark-role: driver} or {@code executor}). An operator whose
 * resources the API server does not serve is skipped and looked for again at the next
 * {@link #refresh}, so installing its CRD later needs no restart. Objects are turned into JSON
 * trees only when asked for ({@link #objects}); the informers keep Fabric8's own copies, without
 * their {@code managedFields} (often the largest part of a pod, and never evaluated).
 */
public final class ClusterSparkObjects implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSparkObjects.class);

  /** A kind to scan: its group, the versions Sparkgate reads (preferred first), and a label selector. */
  record ScannedKind(String group, List<String> versions, String kind, String plural, String labelSelector) {
    String resource() {
      return group.isEmpty() ? plural : plural + "." + group;
    }
  }

  static final List<ScannedKind> KINDS = List.of(
      new ScannedKind("sparkoperator.k8s.io", List.of("v1beta2"), "SparkApplication", "sparkapplications", null),
      new ScannedKind("sparkoperator.k8s.io", List.of("v1beta2"), "ScheduledSparkApplication",
          "scheduledsparkapplications", null),
      new ScannedKind("spark.apache.org", List.of("v1", "v1beta1", "v1alpha1"), "SparkApplication",
          "sparkapplications", null),
      new ScannedKind("", List.of("v1"), "Pod", "pods", SparkPods.podSelector()));

  private record Watched(String apiVersion, String kind, SharedIndexInformer<GenericKubernetesResource> informer) {}

  private final KubernetesClient client;
  private final Map<ScannedKind, Watched> watched = new LinkedHashMap<>();
  private boolean closed;

  public ClusterSparkObjects(KubernetesClient client) {
    this.client = client;
  }

  /** Starts an informer for each kind the API server serves and is not watched yet. */
  public synchronized void refresh() {
    if (closed) {
      return;
    }
    for (ScannedKind kind : KINDS) {
      if (watched.containsKey(kind)) {
        continue;
      }
      String version = servedVersion(kind);
      if (version == null) {
        continue;
      }
      ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(kind.group())
          .withVersion(version).withKind(kind.kind()).withPlural(kind.plural()).withNamespaced(true).build();
      var resources = client.genericKubernetesResources(context).inAnyNamespace();
      SharedIndexInformer<GenericKubernetesResource> informer = kind.labelSelector() == null
          ? resources.runnableInformer(0)
          : resources.withLabelSelector(kind.labelSelector()).runnableInformer(0);
      informer.itemStore(new WithoutManagedFields());
      informer.exceptionHandler((started, error) -> {
        LOG.warn("watch on {} for the background scan failed: {}; retrying with back-off", kind.resource(),
            error.toString());
        return !closed;
      });
      String apiVersion = kind.group().isEmpty() ? version : kind.group() + "/" + version;
      watched.put(kind, new Watched(apiVersion, kind.kind(), informer));
      informer.start();
      LOG.info("background scan: watching {} ({})", kind.resource(), apiVersion);
    }
  }

  /** The first version Sparkgate reads that the API server serves the kind in; null when none is. */
  private String servedVersion(ScannedKind kind) {
    if (kind.group().isEmpty()) {
      return kind.versions().get(0);
    }
    for (String version : kind.versions()) {
      try {
        APIResourceList resources = client.getApiResources(kind.group() + "/" + version);
        if (resources != null && resources.getResources() != null) {
          for (APIResource resource : resources.getResources()) {
            if (resource.getName().equals(kind.plural())) {
              return version;
            }
          }
        }
      } catch (KubernetesClientException e) {
        LOG.debug("discovery of {}/{} failed: {}", kind.group(), version, e.toString());
      }
    }
    return null;
  }

  /** Whether every informer started has listed once. */
  public synchronized boolean synced() {
    return watched.values().stream().allMatch(w -> w.informer().hasSynced());
  }

  /** The resources watched, e.g. {@code sparkapplications.sparkoperator.k8s.io}, {@code pods}. */
  public synchronized List<String> resources() {
    return watched.keySet().stream().map(ScannedKind::resource).toList();
  }

  /** Every object held now, as a JSON tree as files give it (apiVersion and kind set, managedFields dropped). */
  public List<JsonNode> objects() {
    List<Watched> current;
    synchronized (this) {
      current = List.copyOf(watched.values());
    }
    List<JsonNode> objects = new ArrayList<>();
    for (Watched watch : current) {
      for (GenericKubernetesResource object : watch.informer().getStore().list()) {
        objects.add(ClusterSource.tree(object, watch.apiVersion(), watch.kind()));
      }
    }
    return objects;
  }

  /** The informer's store, dropping each object's managedFields as it arrives. */
  private static final class WithoutManagedFields extends BasicItemStore<GenericKubernetesResource> {
    WithoutManagedFields() {
      super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource object) {
      if (object.getMetadata() != null) {
        object.getMetadata().setManagedFields(null);
      }
      return super.put(key, object);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    watched.values().forEach(w -> w.informer().stop());
    watched.clear();
  }
}
