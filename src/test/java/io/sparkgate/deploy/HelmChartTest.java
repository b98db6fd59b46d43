package io.sparkgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sparkgate.cli.ServeCommand;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The Helm chart under deploy/helm/sparkgate: it lints and renders for the default values and the
 * value sets in its ci/ folder; every rendered document is a typed Kubernetes object without
 * unknown fields; the deployment rules of DeployManifestsTest hold; its copies of the pack, CRDs
 * and monitoring files are those of deploy/; and with the same settings it renders the same
 * objects as the kustomize overlays.
 */
class HelmChartTest {
  static final List<String> VALUE_SETS =
      List.of("default", "self-signed-values.yaml", "cert-manager-values.yaml", "minimal-values.yaml", "full-values.yaml");

  static List<String> valuesArgs(String set) {
    return set.equals("default") ? List.of() : Helm.valuesFile(set);
  }

  static List<JsonNode> render(String set, String namespace) throws Exception {
    return Helm.template("sparkgate", namespace, valuesArgs(set));
  }

  /** Sparkgate's own kinds are checked against their CRDs; everything else by the Fabric8 model. */
  static List<HasMetadata> typed(List<JsonNode> documents) throws Exception {
    List<JsonNode> kubernetes = new ArrayList<>();
    for (JsonNode document : documents) {
      if (document.path("apiVersion").asText().startsWith("sparkgate.io/")) {
        assertThat(CrdSchemaValidator.validate(crdSchema(document.path("kind").asText()), document.path("spec")))
            .as(document.path("kind").asText() + " " + document.path("metadata").path("name").asText()).isEmpty();
      } else {
        kubernetes.add(document);
      }
    }
    return TypedManifests.read(kubernetes);
  }

  static io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps crdSchema(String kind) throws Exception {
    for (Path file : crdFiles(Helm.CHART.resolve("crds"))) {
      CustomResourceDefinition crd = TypedManifests.STRICT.treeToValue(Kustomize.YAML.readTree(file.toFile()),
          CustomResourceDefinition.class);
      if (crd.getSpec().getNames().getKind().equals(kind)) {
        return crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
      }
    }
    throw new AssertionError("no CRD in the chart's crds/ for kind " + kind);
  }

  static List<Path> crdFiles(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith("-crd.yaml")).sorted().toList();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // lint, render, types

  @ParameterizedTest
  @ValueSource(strings = {"default", "self-signed-values.yaml", "cert-manager-values.yaml", "minimal-values.yaml", "full-values.yaml"})
  void helmLintPasses(String set) throws Exception {
    List<String> args = new ArrayList<>(List.of("lint", Helm.CHART.toString(), "--strict"));
    args.addAll(valuesArgs(set));
    Helm.Result result = Helm.run(args);
    assertThat(result.exit()).as(result.out() + result.err()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "self-signed-values.yaml", "cert-manager-values.yaml", "minimal-values.yaml", "full-values.yaml"})
  void everyRenderedDocumentIsATypedObjectWithOnlyKnownFields(String set) throws Exception {
    List<HasMetadata> objects = typed(render(set, "platform"));
    assertThat(objects).isNotEmpty();
    for (HasMetadata object : objects) {
      if (!(object instanceof CustomResourceDefinition)) { // crds/ are deploy/base's files, unlabelled by Helm
        assertThat(object.getMetadata().getLabels()).as(object.getKind() + " " + object.getMetadata().getName())
            .containsEntry("app.kubernetes.io/part-of", "sparkgate");
      }
      boolean namespaced = !(object instanceof CustomResourceDefinition
          || object.getKind().endsWith("WebhookConfiguration") || object.getKind().startsWith("Cluster"));
      if (namespaced) {
        assertThat(object.getMetadata().getNamespace()).as(object.getKind() + " " + object.getMetadata().getName())
            .isEqualTo("platform");
      }
    }
  }

  @Test
  void aMisspelledValueFailsTheInstall() throws Exception {
    Helm.Result misspelled = Helm.run(List.of("template", "sparkgate", Helm.CHART.toString(), "--set", "replicaCout=3"));
    assertThat(misspelled.exit()).isNotZero();
    assertThat(misspelled.err()).contains("replicaCout").contains("not allowed");
    Helm.Result nested = Helm.run(List.of("template", "sparkgate", Helm.CHART.toString(),
        "--set", "webhooks.pods.failurPolicy=Ignore"));
    assertThat(nested.exit()).isNotZero();
    assertThat(nested.err()).contains("failurPolicy");
    Helm.Result wrongValue = Helm.run(List.of("template", "sparkgate", Helm.CHART.toString(),
        "--set", "certificates.mode=vault"));
    assertThat(wrongValue.exit()).isNotZero();
    assertThat(wrongValue.err()).contains("certificates/mode");
  }

  // ---------------------------------------------------------------------------------------------
  // the deployment rules

  @ParameterizedTest
  @ValueSource(strings = {"default", "self-signed-values.yaml", "cert-manager-values.yaml", "full-values.yaml"})
  void productionValueSetsKeepEveryDeploymentRule(String set) throws Exception {
    ManifestChecks checks = new ManifestChecks(typed(render(set, "platform")));
    assertThat(checks.webhookProblems()).isEmpty();
    assertThat(checks.serviceProblems()).isEmpty();
    assertThat(checks.deploymentProblems()).isEmpty();
    assertThat(checks.disruptionProblems()).isEmpty();
    assertThat(checks.networkPolicyProblems()).isEmpty();
    if (!set.equals("full-values.yaml")) {
      assertThat(checks.clusterModeProblems()).isEmpty();
    }
    assertThat(checks.backgroundScanProblems()).isEmpty();
    if (set.contains("cert-manager")) {
      assertThat(checks.certManagerProblems()).isEmpty();
    }
    if (set.equals("full-values.yaml")) { // the platform's own ClusterIssuer signs the serving certificate
      assertThat(checks.all(io.fabric8.certmanager.api.model.v1.Certificate.class)).singleElement()
          .satisfies(c -> assertThat(c.getSpec().getIssuerRef().getKind()).isEqualTo("ClusterIssuer"));
      assertThat(checks.all(io.fabric8.certmanager.api.model.v1.Issuer.class)).isEmpty();
    }
  }

  @Test
  void theReleaseNamespaceAndKubeSystemAreAlwaysExcluded() throws Exception {
    ManifestChecks checks = new ManifestChecks(typed(render("self-signed-values.yaml", "spark-platform")));
    assertThat(checks.hooks()).hasSize(6).allSatisfy(hook -> {
      var excluded = hook.namespaceSelector().getMatchExpressions().stream()
          .filter(r -> r.getKey().equals("kubernetes.io/metadata.name") && r.getOperator().equals("NotIn"))
          .flatMap(r -> r.getValues().stream()).toList();
      assertThat(excluded).as(hook.name()).contains("kube-system", "spark-platform", "monitoring", "cert-manager");
    });
  }

  @Test
  void theEmergencyBypassMakesEveryWebhookFailOpenQuickly() throws Exception {
    List<JsonNode> documents = Helm.template("sparkgate", "sparkgate", List.of("--set", "webhooks.emergencyBypass=true"));
    ManifestChecks checks = new ManifestChecks(typed(documents));
    assertThat(checks.hooks()).hasSize(6).allSatisfy(hook -> {
      assertThat(hook.failurePolicy()).as(hook.name()).isEqualTo("Ignore");
      assertThat(hook.timeout()).as(hook.name()).isEqualTo(2);
    });
    assertThat(new ManifestChecks(typed(render("default", "sparkgate"))).hooks())
        .allSatisfy(hook -> assertThat(hook.failurePolicy()).isEqualTo("Fail"));
  }

  @Test
  void minimalValuesGiveOneFailOpenReplicaWithoutClusterAccess() throws Exception {
    ManifestChecks checks = new ManifestChecks(typed(render("minimal-values.yaml", "sparkgate")));
    assertThat(checks.deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(checks.all(MutatingWebhookConfiguration.class)).isEmpty();
    assertThat(checks.hooks()).hasSize(4).allSatisfy(hook -> assertThat(hook.failurePolicy()).isEqualTo("Ignore"));
    assertThat(checks.flag("--cluster")).contains("off");
    assertThat(checks.deployment().getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(checks.all(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class)).isEmpty();
    assertThat(checks.all(io.fabric8.kubernetes.api.model.rbac.Role.class)).isEmpty();
    assertThat(checks.flag("--background-scan")).isEmpty();
    assertThat(checks.serviceProblems()).isEmpty();
    assertThat(checks.deploymentProblems()).containsExactlyInAnyOrder(
        "Deployment replicas is 1, expected at least 2", "priorityClassName is not set");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "self-signed-values.yaml", "cert-manager-values.yaml", "minimal-values.yaml", "full-values.yaml"})
  void everyServerFlagTheChartPassesIsOneTheServerHas(String set) throws Exception {
    Set<String> known = new HashSet<>();
    new CommandLine(new ServeCommand()).getCommandSpec().options().forEach(o -> known.addAll(List.of(o.names())));
    Deployment deployment = new ManifestChecks(typed(render(set, "sparkgate"))).deployment();
    List<String> args = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    assertThat(args.get(0)).isEqualTo("serve");
    for (String arg : args.subList(1, args.size())) {
      assertThat(arg).startsWith("--");
      assertThat(known).as("serve has no option " + arg).contains(arg.split("=", 2)[0]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // certificates and keys

  @Test
  void selfSignedModeServesACertificateForTheServiceSignedByTheCaInEveryCaBundle() throws Exception {
    List<HasMetadata> objects = typed(render("self-signed-values.yaml", "spark-platform"));
    ManifestChecks checks = new ManifestChecks(objects);
    Secret tls = checks.all(Secret.class).stream()
        .filter(s -> s.getMetadata().getName().equals("sparkgate-tls")).findFirst().orElseThrow();
    String ca = tls.getData().get("ca.crt");
    assertThat(checks.hooks()).hasSize(6).allSatisfy(h -> assertThat(h.client().getCaBundle()).isEqualTo(ca));
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    X509Certificate caCert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(ca)));
    X509Certificate serving = (X509Certificate) factory.generateCertificate(
        new ByteArrayInputStream(Base64.getDecoder().decode(tls.getData().get("tls.crt"))));
    serving.verify(caCert.getPublicKey());
    List<String> names = serving.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
    assertThat(names).contains("sparkgate.spark-platform.svc");
    assertThat(new String(Base64.getDecoder().decode(tls.getData().get("tls.key")), StandardCharsets.US_ASCII))
        .contains("PRIVATE KEY-----");
    assertThat(tls.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
  }

  @Test
  void theAuditSigningKeyIsAnEd25519KeyUnlessAnExistingSecretIsNamed() throws Exception {
    ManifestChecks generated = new ManifestChecks(typed(render("default", "sparkgate")));
    Secret key = generated.all(Secret.class).stream()
        .filter(s -> s.getMetadata().getName().equals("sparkgate-audit-signing")).findFirst().orElseThrow();
    String pem = new String(Base64.getDecoder().decode(key.getData().get("audit-signing.key")), StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    var der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    var parsed = java.security.KeyFactory.getInstance("Ed25519").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
    assertThat(parsed.getAlgorithm()).isIn("Ed25519", "EdDSA");

    ManifestChecks existing = new ManifestChecks(typed(render("full-values.yaml", "sparkgate")));
    assertThat(existing.all(Secret.class)).isEmpty();
    assertThat(existing.deployment().getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getSecret() == null ? null : v.getSecret().getSecretName()).isEqualTo("platform-audit-key"));
  }

  // ---------------------------------------------------------------------------------------------
  // copies of deploy/ and the repository

  @Test
  void theChartCarriesThePackTheCrdsAndTheMonitoringFilesByteForByte() throws Exception {
    assertThat(DeployManifestsTest.policyFiles(Helm.CHART.resolve("files/policies")))
        .as("deploy/helm/sparkgate/files/policies is a copy of policies/: run deploy/sync-policies.sh")
        .usingRecursiveComparison().isEqualTo(DeployManifestsTest.shippedPolicies());
    Map<String, String> baseCrds = new TreeMap<>();
    for (Path file : crdFiles(DeployManifestsTest.DEPLOY.resolve("base"))) {
      baseCrds.put(file.getFileName().toString(), Files.readString(file));
    }
    Map<String, String> chartCrds = new TreeMap<>();
    for (Path file : crdFiles(Helm.CHART.resolve("crds"))) {
      chartCrds.put(file.getFileName().toString(), Files.readString(file));
    }
    assertThat(chartCrds).as("the chart's crds/ are deploy/base's CRDs: run deploy/sync-policies.sh").isEqualTo(baseCrds);
    for (String file : List.of("prometheusrule.yaml", "grafana-dashboard.json")) {
      assertThat(Helm.CHART.resolve("files").resolve(file)).as(file + ": run deploy/sync-policies.sh")
          .hasSameBinaryContentAs(DeployManifestsTest.DEPLOY.resolve("monitoring").resolve(file));
    }
  }

  @Test
  void extraPolicyFilesJoinThePackAndAnExistingConfigMapIsProjectedBesideIt() throws Exception {
    ManifestChecks checks = new ManifestChecks(typed(render("full-values.yaml", "sparkgate")));
    ConfigMap policies = checks.all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals("sparkgate-policies")).findFirst().orElseThrow();
    assertThat(policies.getData()).containsKey("team-rules.yaml")
        .containsKeys(DeployManifestsTest.shippedPolicies().keySet().toArray(String[]::new));
    var volume = checks.deployment().getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals("policies")).findFirst().orElseThrow();
    assertThat(volume.getProjected().getSources()).extracting(s -> s.getConfigMap().getName())
        .containsExactly("sparkgate-policies", "platform-policies");
  }

  // ---------------------------------------------------------------------------------------------
  // one source of truth: the chart and the kustomize overlays render the same objects

  @Test
  void defaultValuesRenderWhatTheSelfSignedOverlayRenders() throws Exception {
    DeployManifestsTest.assumeRenderedByKustomize("overlays/self-signed");
    assertSameObjects(render("default", "sparkgate"), DeployManifestsTest.rendered("overlays/self-signed").documents());
  }

  @Test
  void certManagerValuesRenderWhatTheCertManagerOverlayRenders() throws Exception {
    DeployManifestsTest.assumeRenderedByKustomize("overlays/cert-manager");
    List<JsonNode> chart = Helm.template("sparkgate", "sparkgate", List.of("--set", "certificates.mode=cert-manager"));
    assertSameObjects(chart, DeployManifestsTest.rendered("overlays/cert-manager").documents());
  }

  @Test
  void theComparisonSeesADifference() throws Exception {
    DeployManifestsTest.assumeRenderedByKustomize("overlays/self-signed");
    List<JsonNode> chart = Helm.template("sparkgate", "sparkgate", List.of("--set", "webhooks.pods.timeoutSeconds=7"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> assertSameObjects(chart, DeployManifestsTest.rendered("overlays/self-signed").documents()))
        .hasMessageContaining("timeoutSeconds");
  }

  /**
   * Equal after what legitimately differs is set aside: labels and annotations on metadata (Helm's
   * chart labels, kustomize's), the pod template's checksum annotation, kustomize's name hash of
   * the policy ConfigMap, caBundles, the Namespace (Helm installs into one) and the Secrets the
   * chart generates (the self-signed overlay's install.sh creates them).
   */
  static void assertSameObjects(List<JsonNode> chart, List<JsonNode> kustomize) {
    Map<String, JsonNode> fromChart = normalised(chart, Set.of("Secret"));
    Map<String, JsonNode> fromKustomize = normalised(kustomize, Set.of("Namespace"));
    assertThat(fromChart.keySet()).as("objects").isEqualTo(fromKustomize.keySet());
    for (String key : fromKustomize.keySet()) {
      assertThat(canonical(fromChart.get(key))).as(key).isEqualTo(canonical(fromKustomize.get(key)));
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper SORTED = new com.fasterxml.jackson.databind.ObjectMapper()
      .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

  /** Pretty JSON with object keys sorted: the order of fields is not a difference. */
  static String canonical(JsonNode node) {
    try {
      return SORTED.writeValueAsString(SORTED.convertValue(node, Object.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, JsonNode> normalised(List<JsonNode> documents, Set<String> skipKinds) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode original : documents) {
      if (skipKinds.contains(original.path("kind").asText())) {
        continue;
      }
      ObjectNode document = original.deepCopy();
      ObjectNode metadata = (ObjectNode) document.path("metadata");
      metadata.remove("labels");
      JsonNode inject = metadata.path("annotations").path("cert-manager.io/inject-ca-from");
      metadata.remove("annotations");
      if (!inject.isMissingNode()) {
        metadata.putObject("annotations").set("cert-manager.io/inject-ca-from", inject);
      }
      String name = unhashed(metadata.path("name").asText());
      metadata.put("name", name);
      if (document.path("spec").path("template").path("metadata") instanceof ObjectNode template) {
        template.remove("annotations");
      }
      for (JsonNode volume : document.path("spec").path("template").path("spec").path("volumes")) {
        if (volume.path("configMap") instanceof ObjectNode configMap) {
          configMap.put("name", unhashed(configMap.path("name").asText()));
        }
      }
      if (document.path("webhooks") instanceof ArrayNode webhooks) {
        webhooks.forEach(w -> ((ObjectNode) w.path("clientConfig")).remove("caBundle"));
      }
      out.put(document.path("kind").asText() + " " + metadata.path("namespace").asText("") + "/" + name, document);
    }
    return out;
  }

  /** kustomize's configMapGenerator suffix: a dash and ten characters of a hash. */
  static String unhashed(String name) {
    return name.replaceFirst("-(?=[a-z0-9]*\\d)(?=[a-z0-9]*[a-z])[a-z0-9]{10}$", "");
  }
}
