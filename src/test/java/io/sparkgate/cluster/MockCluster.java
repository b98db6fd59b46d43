package io.sparkgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Fabric8's mock API server in CRUD mode (objects created, changed, deleted and watched as on a
 * real API server), which can be stopped and started again on the same port with the same objects
 * to cut every watch.
 */
final class MockCluster implements AutoCloseable {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ResourceDefinitionContext TENANTS = new ResourceDefinitionContext.Builder()
      .withGroup("sparkgate.io").withVersion("v1").withKind("SparkTenant").withPlural("sparktenants")
      .withNamespaced(true).build();

  static final io.sparkgate.policy.ParamKind TENANT_KIND = new io.sparkgate.policy.ParamKind("sparkgate.io/v1", "SparkTenant");

  private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher();
  private final List<CustomResourceDefinitionContext> customResources;
  private KubernetesMockServer server;
  private int port;
  private final KubernetesClient client;

  MockCluster() {
    this(List.of());
  }

  /** With these custom resources served besides Sparkgate's own. */
  MockCluster(List<CustomResourceDefinitionContext> customResources) {
    this.customResources = customResources;
    server = newServer();
    server.init();
    port = server.getPort();
    // Reconnect quickly in tests (the default starts at 1 s and doubles).
    client = server.createClient(builder -> builder.editOrNewConfig().withWatchReconnectInterval(100).endConfig());
  }

  private KubernetesMockServer newServer() {
    KubernetesMockServer mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    mock.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("sparkgate.io").withVersion("v1")
        .withKind("SparkTenant").withPlural("sparktenants").withScope("Namespaced").build());
    mock.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("sparkgate.io").withVersion("v1")
        .withKind("SparkPolicyException").withPlural("sparkpolicyexceptions").withScope("Namespaced").build());
    mock.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup("sparkgate.io").withVersion("v1")
        .withKind("ImageScan").withPlural("imagescans").withScope("Cluster").build());
    customResources.forEach(mock::expectCustomResource);
    return mock;
  }

  KubernetesClient client() {
    return client;
  }

  /** Stops the API server: every watch breaks and reconnects fail until {@link #restart}. */
  void stop() {
    server.destroy();
  }

  /** The API server again, on the same port, with the same objects. */
  void restart() throws Exception {
    server = newServer();
    server.init(InetAddress.getByName("localhost"), port);
  }

  void namespace(String name, Map<String, String> labels) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().build()).createOr(existing -> existing.update());
  }

  static GenericKubernetesResource tenant(String yaml) throws Exception {
    return YAML.readValue(yaml, GenericKubernetesResource.class);
  }

  /**
   * A policy file with a NetworkPolicy in each namespace the tests use: the pack admits Spark
   * objects only where one exists, and file objects stay in force when the cluster has none.
   */
  static Map.Entry<Path, String> networkPolicies() {
    StringBuilder text = new StringBuilder();
    for (String namespace : List.of("team-alpha", "team-beta", "team-gamma", "probe", "default")) {
      text.append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: ")
          .append(namespace).append("}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n");
    }
    return Map.entry(Path.of("network-policies.yaml"), text.toString());
  }

  static String alphaTenant() throws Exception {
    return Files.readString(Path.of("test-fixtures/spark/tenant-alpha.yaml"));
  }

  void apply(GenericKubernetesResource tenant) {
    client.genericKubernetesResources(TENANTS).inNamespace(tenant.getMetadata().getNamespace()).resource(tenant)
        .createOr(existing -> existing.update());
  }

  static final ResourceDefinitionContext EXCEPTIONS = new ResourceDefinitionContext.Builder()
      .withGroup("sparkgate.io").withVersion("v1").withKind("SparkPolicyException").withPlural("sparkpolicyexceptions")
      .withNamespaced(true).build();

  void applyException(GenericKubernetesResource exception) {
    client.genericKubernetesResources(EXCEPTIONS).inNamespace(exception.getMetadata().getNamespace()).resource(exception)
        .createOr(existing -> existing.update());
  }

  void deleteException(String namespace, String name) {
    client.genericKubernetesResources(EXCEPTIONS).inNamespace(namespace).withName(name).delete();
  }

  static final ResourceDefinitionContext IMAGE_SCANS = new ResourceDefinitionContext.Builder()
      .withGroup("sparkgate.io").withVersion("v1").withKind("ImageScan").withPlural("imagescans")
      .withNamespaced(false).build();

  void applyImageScan(GenericKubernetesResource record) {
    client.genericKubernetesResources(IMAGE_SCANS).resource(record).createOr(existing -> existing.update());
  }

  void deleteImageScan(String name) {
    client.genericKubernetesResources(IMAGE_SCANS).withName(name).delete();
  }

  void deleteTenant(String namespace, String name) {
    client.genericKubernetesResources(TENANTS).inNamespace(namespace).withName(name).delete();
  }

  static JsonNode fixture(String name) throws Exception {
    return YAML.readTree(Files.readString(Path.of("test-fixtures/spark", name)));
  }

  /** Waits until {@code condition} holds; false after {@code limit}. */
  static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException slowShutdown) {
      // The mock server waits a few seconds for its watch connections to end; on a loaded machine
      // that wait can run out. Nothing is asserted here, and the port is ephemeral.
      System.err.println("mock API server: " + slowShutdown.getMessage());
    }
  }
}
