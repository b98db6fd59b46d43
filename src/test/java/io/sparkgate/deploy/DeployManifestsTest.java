package io.sparkgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment material under deploy/: every kustomization renders, every object is valid
 * against Fabric8's typed model, and the rules that keep Spark admissions safe hold (webhooks
 * reach the served paths through the Service, short timeouts, Fail, namespace exclusions, the
 * shipped policy pack byte for byte, a restricted and probed Deployment). Each rule is also
 * shown to catch a broken manifest.
 *
 * <p>Rendering uses {@code kubectl kustomize} when kubectl is on the PATH (or in $KUBECTL).
 * Without it the base is read from the files its kustomization lists, and the overlay-specific
 * checks (patches, replacements) are skipped with an assumption message.
 */
class DeployManifestsTest {
  static final Path ROOT = Path.of("").toAbsolutePath();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final List<String> DEPLOYABLE = List.of("base", "overlays/self-signed", "overlays/cert-manager");
  static final Set<String> CONTRACT_METRICS = Set.of(
      "sparkgate_admission_requests_total", "sparkgate_admission_duration_seconds_bucket",
      "sparkgate_policy_evaluations_total", "sparkgate_policies_loaded", "sparkgate_policy_reloads_total",
      "sparkgate_certificate_expiry_timestamp_seconds", "sparkgate_audit_records_total", "jvm_memory_used_bytes");

  private static final Map<String, Kustomize.Rendered> RENDERED = new HashMap<>();

  static synchronized Kustomize.Rendered rendered(String dir) throws IOException, InterruptedException {
    Kustomize.Rendered rendered = RENDERED.get(dir);
    if (rendered == null) {
      rendered = Kustomize.render(DEPLOY.resolve(dir));
      RENDERED.put(dir, rendered);
    }
    return rendered;
  }

  static List<HasMetadata> objects(String dir) throws IOException, InterruptedException {
    return TypedManifests.read(rendered(dir).documents());
  }

  static ManifestChecks checks(String dir) throws IOException, InterruptedException {
    return new ManifestChecks(objects(dir));
  }

  static void assumeRenderedByKustomize(String dir) throws IOException, InterruptedException {
    assumeTrue(rendered(dir).complete(), "kubectl not found on PATH nor in $KUBECTL: " + dir
        + " was read without kustomize, so its patches and replacements are not checked");
  }

  // ---------------------------------------------------------------------------------------------
  // every document is a valid, typed Kubernetes object

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager", "monitoring"})
  void everyRenderedDocumentIsAKnownKindWithOnlyKnownFields(String dir) throws Exception {
    List<HasMetadata> objects = objects(dir);
    assertThat(objects).isNotEmpty();
    for (HasMetadata object : objects) {
      assertThat(object.getMetadata().getName()).as(object.getKind() + " name").isNotBlank();
      assertThat(object.getMetadata().getLabels()).as(object.getKind() + " labels")
          .containsEntry("app.kubernetes.io/part-of", "sparkgate");
    }
  }

  @Test
  void theStrictReaderRefusesAnUnknownField() throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode document : rendered("base").documents()) {
      documents.add(document.deepCopy());
    }
    JsonNode deployment = documents.stream().filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec").path("template").path("spec")
        .path("containers").get(0).path("securityContext")).put("readOnlyRootFileSystem", true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TypedManifests.read(documents))
        .hasMessageContaining("unknown field").hasMessageContaining("readOnlyRootFileSystem");
  }

  @Test
  void everyKustomizationRenders() throws Exception {
    for (String dir : List.of("base", "overlays/self-signed", "overlays/cert-manager", "monitoring")) {
      assertThat(rendered(dir).documents()).as(dir).isNotEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the rules, on every deployable kustomization

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager"})
  void webhookConfigurationsReachTheServedPathsSafely(String dir) throws Exception {
    assertThat(checks(dir).webhookProblems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager"})
  void serviceRoutes443ToTheWebhookPortAndExposesMetrics(String dir) throws Exception {
    assertThat(checks(dir).serviceProblems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager"})
  void deploymentIsRestrictedProbedAndSpread(String dir) throws Exception {
    assertThat(checks(dir).deploymentProblems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager"})
  void namespaceDisruptionBudgetAndNetworkPolicy(String dir) throws Exception {
    ManifestChecks checks = checks(dir);
    assertThat(checks.namespaceProblems()).isEmpty();
    assertThat(checks.disruptionProblems()).isEmpty();
    assertThat(checks.networkPolicyProblems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager"})
  void clusterModeReadsNamespacesAndSparkTenantsWithExactlyThatRbac(String dir) throws Exception {
    ManifestChecks checks = checks(dir);
    assertThat(checks.clusterModeProblems()).isEmpty();
    assertThat(checks.all(io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class))
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder("sparktenants.sparkgate.io", "sparkpolicyexceptions.sparkgate.io", "imagescans.sparkgate.io");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager"})
  void theBackgroundScanRunsWithExactlyItsRbac(String dir) throws Exception {
    assertThat(checks(dir).backgroundScanProblems()).isEmpty();
  }

  @Test
  void broaderBackgroundScanRbacIsCaught() throws Exception {
    List<HasMetadata> copy = TypedManifests.read(rendered("base").documents());
    copy.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole
            && o.getMetadata().getName().endsWith("-background-scan"))
        .map(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class::cast).findFirst().orElseThrow()
        .getRules().get(2).getVerbs().add("delete");
    first(copy, io.fabric8.kubernetes.api.model.rbac.Role.class).getRules().get(1).setResourceNames(List.of());
    assertThat(new ManifestChecks(copy).backgroundScanProblems())
        .anyMatch(p -> p.contains("/pods=[delete, get, list, watch]"))
        .anyMatch(p -> p.contains("coordination.k8s.io/leases:patch,"));
  }

  @Test
  void broaderRbacOrAMissingTokenIsCaught() throws Exception {
    List<HasMetadata> copy = TypedManifests.read(rendered("base").documents());
    var reader = copy.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole
            && o.getMetadata().getName().endsWith("-cluster-reader"))
        .map(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class::cast).findFirst().orElseThrow();
    reader.getRules().get(0).getResources().add("secrets");
    reader.getRules().get(1).getVerbs().add("update");
    first(copy, Deployment.class).getSpec().getTemplate().getSpec().setAutomountServiceAccountToken(false);
    assertThat(new ManifestChecks(copy).clusterModeProblems())
        .anyMatch(p -> p.contains("expected exactly [/namespaces, networking.k8s.io/networkpolicies, sparkgate.io/imagescans, sparkgate.io/sparkpolicyexceptions, sparkgate.io/sparktenants]"))
        .anyMatch(p -> p.contains("grants [get, list, watch, update]"))
        .anyMatch(p -> p.contains("does not mount its service account token"));
  }

  @Test
  void baseAsksForTheDocumentedPriorityClassAndResourceQuota() throws Exception {
    ManifestChecks checks = checks("base");
    assertThat(checks.deployment().getSpec().getTemplate().getSpec().getPriorityClassName())
        .isEqualTo("system-cluster-critical");
    assertThat(checks.all(io.fabric8.kubernetes.api.model.ResourceQuota.class)).singleElement()
        .satisfies(q -> assertThat(q.getSpec().getScopeSelector().getMatchExpressions().get(0).getValues())
            .containsExactly("system-cluster-critical"));
  }

  // ---------------------------------------------------------------------------------------------
  // the policy pack

  /** policies/ at the repository root: file name → content. */
  static Map<String, byte[]> shippedPolicies() throws IOException {
    return policyFiles(ROOT.resolve("policies"));
  }

  static Map<String, byte[]> policyFiles(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.filter(Files::isRegularFile).toList()) {
        String name = path.getFileName().toString();
        if (name.startsWith(".") || !name.matches(".*\\.(yaml|yml|json)")) {
          continue;
        }
        assertThat(path.getParent()).as("a ConfigMap holds one flat directory; move " + dir.relativize(path)
            + " to the top of " + dir).isEqualTo(dir);
        files.put(name, Files.readAllBytes(path));
      }
    }
    return files;
  }

  static ConfigMap policyConfigMap(ManifestChecks checks) {
    String name = checks.deployment().getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getConfigMap() != null).map(v -> v.getConfigMap().getName()).findFirst().orElseThrow();
    return checks.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  static List<String> packProblems(ConfigMap configMap, Map<String, byte[]> shipped) {
    List<String> problems = new ArrayList<>();
    Map<String, String> data = Optional.ofNullable(configMap.getData()).orElse(Map.of());
    if (configMap.getBinaryData() != null && !configMap.getBinaryData().isEmpty()) {
      problems.add("the policy ConfigMap has binaryData " + configMap.getBinaryData().keySet());
    }
    if (!data.keySet().equals(shipped.keySet())) {
      problems.add("the policy ConfigMap holds " + new TreeMap<>(data).keySet() + ", policies/ holds " + shipped.keySet()
          + ": run deploy/sync-policies.sh");
    }
    for (var file : shipped.entrySet()) {
      String value = data.get(file.getKey());
      if (value != null && !java.util.Arrays.equals(value.getBytes(StandardCharsets.UTF_8), file.getValue())) {
        problems.add("ConfigMap key " + file.getKey() + " differs from policies/" + file.getKey()
            + ": run deploy/sync-policies.sh");
      }
    }
    return problems;
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/self-signed", "overlays/cert-manager"})
  void policyConfigMapHoldsExactlyTheShippedPackByteForByte(String dir) throws Exception {
    Map<String, byte[]> shipped = shippedPolicies();
    assertThat(shipped).as("policies/ at the repository root").isNotEmpty();
    assertThat(packProblems(policyConfigMap(checks(dir)), shipped)).isEmpty();
  }

  @Test
  void theCopyUnderDeployIsIdenticalToThePack() throws Exception {
    Map<String, byte[]> shipped = shippedPolicies();
    Map<String, byte[]> copy = policyFiles(DEPLOY.resolve("base/policies"));
    assertThat(copy.keySet()).as("deploy/base/policies (run deploy/sync-policies.sh)").isEqualTo(shipped.keySet());
    for (String name : shipped.keySet()) {
      assertThat(copy.get(name)).as("deploy/base/policies/" + name + " (run deploy/sync-policies.sh)")
          .isEqualTo(shipped.get(name));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // overlays

  @Test
  void selfSignedOverlayPutsTheCaBundleOfCaBundleEnvIntoEveryWebhook() throws Exception {
    assumeRenderedByKustomize("overlays/self-signed");
    String bundle = Files.readAllLines(DEPLOY.resolve("overlays/self-signed/ca-bundle.env")).stream()
        .filter(l -> l.startsWith("caBundle=")).map(l -> l.substring("caBundle=".length())).findFirst().orElseThrow();
    ManifestChecks checks = checks("overlays/self-signed");
    assertThat(checks.hooks()).hasSize(6)
        .allSatisfy(h -> assertThat(h.client().getCaBundle()).as(h.name()).isEqualTo(bundle));
    assertThat(checks.all(ConfigMap.class)).as("the carrier ConfigMap is local-config only")
        .noneMatch(c -> c.getMetadata().getName().equals("sparkgate-ca-bundle"));
    // Either a real bundle of PEM certificates, or a placeholder the API server refuses.
    byte[] decoded = null;
    try {
      decoded = Base64.getDecoder().decode(bundle);
    } catch (IllegalArgumentException notBase64) {
      // the placeholder: applying it fails instead of installing a webhook nobody can call
    }
    if (decoded != null) {
      assertThat(new String(decoded, StandardCharsets.US_ASCII)).startsWith("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test
  void certManagerOverlayInjectsTheCaOfTheServingCertificate() throws Exception {
    assumeRenderedByKustomize("overlays/cert-manager");
    ManifestChecks checks = checks("overlays/cert-manager");
    assertThat(checks.certManagerProblems()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // monitoring

  static final Map<String, String> ALERT_METRICS = Map.of(
      "SparkgateAdmissionLatencyHigh", "sparkgate_admission_duration_seconds_bucket",
      "SparkgateAdmissionErrors", "decision=\"rejected\"",
      "SparkgateDenialRateSpike", "decision=\"denied\"",
      "SparkgatePolicyReloadFailing", "sparkgate_policy_reloads_total",
      "SparkgateCertificateExpiringSoon", "sparkgate_certificate_expiry_timestamp_seconds",
      "SparkgateAuditWriteFailures", "result=\"failed\"",
      "SparkgateNoReadyReplicas", "up{job=\"sparkgate\"",
      "SparkgateTargetDown", "up{job=\"sparkgate\"");

  static List<Rule> alerts() throws Exception {
    return new ManifestChecks(objects("monitoring")).one(PrometheusRule.class).getSpec().getGroups().stream()
        .flatMap(g -> g.getRules().stream()).filter(r -> r.getAlert() != null).toList();
  }

  @Test
  void everyRequiredAlertExistsOnItsMetric() throws Exception {
    Map<String, Rule> byName = alerts().stream().collect(Collectors.toMap(Rule::getAlert, r -> r));
    for (var expected : ALERT_METRICS.entrySet()) {
      assertThat(byName).as("alerts").containsKey(expected.getKey());
      assertThat(byName.get(expected.getKey()).getExpr().getStrVal()).as(expected.getKey())
          .contains(expected.getValue());
    }
    assertThat(byName.get("SparkgateCertificateExpiringSoon").getExpr().getStrVal()).contains("14 * 86400");
  }

  @Test
  void everyAlertHasASeverityAndARunbookThatExistsAndExplainsTheBypass() throws Exception {
    Pattern runbook = Pattern.compile("/docs/runbooks/([a-z0-9-]+\\.md)$");
    for (Rule alert : alerts()) {
      assertThat(alert.getLabels()).as(alert.getAlert()).containsKey("severity");
      assertThat(alert.getAnnotations()).as(alert.getAlert()).containsKeys("summary", "description", "runbook_url");
      Matcher m = runbook.matcher(alert.getAnnotations().get("runbook_url"));
      assertThat(m.find()).as(alert.getAlert() + " runbook_url " + alert.getAnnotations().get("runbook_url")).isTrue();
      Path file = ROOT.resolve("docs/runbooks").resolve(m.group(1));
      assertThat(file).as(alert.getAlert() + " runbook").isRegularFile();
      String text = Files.readString(file);
      assertThat(text).as(file + " says how to diagnose and act").contains("## Diagnose").contains("## Act");
      assertThat(text).as(file + " links the emergency bypass").contains("emergency-bypass.md");
    }
    assertThat(ROOT.resolve("docs/runbooks/emergency-bypass.md")).isRegularFile();
  }

  @Test
  void serviceMonitorScrapesTheServiceMetricsPort() throws Exception {
    ServiceMonitor monitor = new ManifestChecks(objects("monitoring")).one(ServiceMonitor.class);
    Service service = checks("base").one(Service.class);
    assertThat(ManifestChecks.selects(monitor.getSpec().getSelector().getMatchLabels(), service.getMetadata().getLabels()))
        .as("ServiceMonitor selects the Service").isTrue();
    assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).contains(service.getMetadata().getNamespace());
    assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
      assertThat(service.getSpec().getPorts()).anyMatch(p -> p.getName().equals(e.getPort()));
      assertThat(e.getPath()).isEqualTo("/metrics");
    });
  }

  @Test
  void grafanaDashboardChartsEveryContractMetric() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("monitoring/grafana-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    Set<Integer> ids = new java.util.HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id " + panel.path("id")).isTrue();
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asText());
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      }
    }
    for (String metric : CONTRACT_METRICS) {
      assertThat(expressions).as("a panel for " + metric).anyMatch(e -> e.contains(metric));
    }
    assertThat(expressions).anyMatch(e -> e.contains("histogram_quantile(0.99"));
    assertThat(expressions).anyMatch(e -> e.contains("sum by (kind)") && e.contains("decision=\"denied\""));
  }

  // ---------------------------------------------------------------------------------------------
  // the image

  @Test
  void dockerfileRunsTheJarAsTheDeploymentsUid() throws Exception {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    ManifestChecks checks = checks("base");
    Long uid = checks.container().getSecurityContext().getRunAsUser();
    assertThat(dockerfile).containsPattern("(?m)^USER " + uid + "(:" + uid + ")?$");
    String jar = checks.container().getCommand().get(checks.container().getCommand().indexOf("-jar") + 1);
    assertThat(dockerfile).contains("target/sparkgate.jar").contains(jar);
    assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:25[^ ]*-jre");
    // the Deployment uses the AOT cache the image records, and the image's compile cache is the one
    // serve reads
    String cache = checks.container().getCommand().stream().filter(a -> a.startsWith("-XX:AOTCache="))
        .map(a -> a.substring("-XX:AOTCache=".length())).findFirst().orElseThrow();
    assertThat(dockerfile).contains("-XX:AOTCacheOutput=" + cache).contains("--exit-when-ready");
    assertThat(dockerfile).containsPattern("(?m)^ENV SPARKGATE_CACHE_DIR=/opt/sparkgate/\\S+$");
    assertThat(checks.container().getEnv()).noneMatch(e -> e.getName().equals("SPARKGATE_CACHE_DIR"));
    assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!target/sparkgate.jar").contains("!policies");
  }

  // ---------------------------------------------------------------------------------------------
  // the checks catch broken manifests

  /** Applies {@code breakIt} to a fresh copy of the base and returns the problems the checks find. */
  static List<String> problemsAfter(Consumer<List<HasMetadata>> breakIt) throws Exception {
    List<HasMetadata> copy = TypedManifests.read(rendered("base").documents());
    breakIt.accept(copy);
    ManifestChecks checks = new ManifestChecks(copy);
    List<String> problems = new ArrayList<>();
    problems.addAll(checks.webhookProblems());
    problems.addAll(checks.serviceProblems());
    problems.addAll(checks.deploymentProblems());
    problems.addAll(checks.namespaceProblems());
    problems.addAll(checks.disruptionProblems());
    problems.addAll(checks.networkPolicyProblems());
    return problems;
  }

  static <T> T first(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  @Test
  void aWrongWebhookPathIsCaught() throws Exception {
    assertThat(problemsAfter(o -> first(o, ValidatingWebhookConfiguration.class).getWebhooks().get(0)
        .getClientConfig().getService().setPath("/mutate")))
        .anyMatch(p -> p.contains("path is /mutate, the server serves /validate"));
  }

  @Test
  void aServicePortThatDoesNotReachTheWebhookIsCaught() throws Exception {
    assertThat(problemsAfter(o -> first(o, MutatingWebhookConfiguration.class).getWebhooks().get(1)
        .getClientConfig().getService().setPort(9090)))
        .anyMatch(p -> p.contains("service port 9090 routes to"));
    assertThat(problemsAfter(o -> first(o, Service.class).getSpec().getPorts().get(0).setTargetPort(new IntOrString("admin"))))
        .anyMatch(p -> p.contains("not to the webhook port 8443"));
  }

  @Test
  void unsafeWebhookSettingsAreCaught() throws Exception {
    assertThat(problemsAfter(o -> first(o, ValidatingWebhookConfiguration.class).getWebhooks().get(0).setTimeoutSeconds(30)))
        .anyMatch(p -> p.contains("timeoutSeconds is 30"));
    assertThat(problemsAfter(o -> first(o, ValidatingWebhookConfiguration.class).getWebhooks().get(0).setTimeoutSeconds(null)))
        .anyMatch(p -> p.contains("timeoutSeconds is null"));
    assertThat(problemsAfter(o -> first(o, MutatingWebhookConfiguration.class).getWebhooks().get(0).setFailurePolicy("Ignore")))
        .anyMatch(p -> p.contains("failurePolicy is Ignore"));
    assertThat(problemsAfter(o -> first(o, MutatingWebhookConfiguration.class).getWebhooks().get(1).setReinvocationPolicy("Never")))
        .anyMatch(p -> p.contains("reinvocationPolicy is Never"));
    assertThat(problemsAfter(o -> first(o, ValidatingWebhookConfiguration.class).getWebhooks().get(1).setSideEffects("Some")))
        .anyMatch(p -> p.contains("sideEffects is Some"));
    assertThat(problemsAfter(o -> first(o, ValidatingWebhookConfiguration.class).getWebhooks().get(1)
        .setAdmissionReviewVersions(List.of("v1", "v1beta1"))))
        .anyMatch(p -> p.contains("admissionReviewVersions"));
  }

  @Test
  void aMissingNamespaceExclusionIsCaught() throws Exception {
    assertThat(problemsAfter(o -> first(o, ValidatingWebhookConfiguration.class).getWebhooks().get(0)
        .getNamespaceSelector().getMatchExpressions().get(0).setValues(List.of("kube-system"))))
        .anyMatch(p -> p.contains("does not exclude namespace sparkgate"));
  }

  @Test
  void anObjectSelectorHidingTheCrdsIsCaught() throws Exception {
    assertThat(problemsAfter(o -> {
      var hooks = first(o, ValidatingWebhookConfiguration.class).getWebhooks();
      hooks.get(1).setObjectSelector(hooks.get(0).getObjectSelector());
    })).anyMatch(p -> p.contains("an objectSelector hides"));
    assertThat(problemsAfter(o -> first(o, MutatingWebhookConfiguration.class).getWebhooks().get(1).getRules()
        .removeIf(r -> r.getApiGroups().contains("spark.apache.org"))))
        .anyMatch(p -> p.contains("no webhook sees sparkclusters.spark.apache.org"));
  }

  @Test
  void aWeakerDeploymentIsCaught() throws Exception {
    assertThat(problemsAfter(o -> first(o, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getSecurityContext().setReadOnlyRootFilesystem(false)))
        .contains("readOnlyRootFilesystem is not true");
    assertThat(problemsAfter(o -> first(o, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getReadinessProbe().getHttpGet().setPath("/healthz")))
        .contains("readinessProbe path is /healthz, expected /readyz");
    assertThat(problemsAfter(o -> first(o, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getLivenessProbe().getHttpGet().setPort(new IntOrString("webhook"))))
        .anyMatch(p -> p.startsWith("livenessProbe port is"));
    assertThat(problemsAfter(o -> first(o, Deployment.class).getSpec().setReplicas(1)))
        .anyMatch(p -> p.contains("replicas is 1"));
    assertThat(problemsAfter(o -> first(o, Deployment.class).getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(30L)))
        .anyMatch(p -> p.contains("terminationGracePeriodSeconds is 30"));
    assertThat(problemsAfter(o -> first(o, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getVolumeMounts().removeIf(m -> m.getMountPath().equals("/tmp"))))
        .anyMatch(p -> p.contains("/tmp is not a writable emptyDir"));
  }

  @Test
  void aNetworkPolicyOpeningAnotherPortIsCaught() throws Exception {
    assertThat(problemsAfter(o -> first(o, NetworkPolicy.class).getSpec().getIngress().get(0).getPorts()
        .add(new NetworkPolicyPortBuilder().withPort(new IntOrString(22)).withProtocol("TCP").build())))
        .anyMatch(p -> p.contains("NetworkPolicy admits ports"));
  }

  @Test
  void aPolicyConfigMapThatDiffersFromThePackIsCaught() throws Exception {
    Map<String, byte[]> shipped = shippedPolicies();
    ConfigMap configMap = policyConfigMap(checks("base"));
    ConfigMap edited = TypedManifests.STRICT.convertValue(configMap, ConfigMap.class);
    String key = shipped.keySet().iterator().next();
    edited.getData().put(key, edited.getData().get(key) + " ");
    assertThat(packProblems(edited, shipped)).anyMatch(p -> p.contains("differs from policies/" + key));
    Map<String, byte[]> more = new TreeMap<>(shipped);
    more.put("zz-new-policy.yaml", new byte[0]);
    assertThat(packProblems(configMap, more)).anyMatch(p -> p.contains("run deploy/sync-policies.sh"));
  }
}
