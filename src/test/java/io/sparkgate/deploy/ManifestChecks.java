package io.sparkgate.deploy;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.Issuer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules the deployment manifests must keep. Every check returns the problems it finds (empty
 * when all is well), so that a test can also show that a broken manifest is caught.
 */
final class ManifestChecks {
  static final int WEBHOOK_PORT = 8443;
  static final int ADMIN_PORT = 9090;
  /** SparkgateServer waits at most 30 s for Vert.x to close. */
  static final int SERVER_SHUTDOWN_DEADLINE_SECONDS = 30;
  static final Set<String> SPARK_ROLES = Set.of("driver", "executor");
  /** group → resources Sparkgate must see besides pods. */
  static final Map<String, Set<String>> SPARK_CRDS = Map.of(
      "sparkoperator.k8s.io", Set.of("sparkapplications", "scheduledsparkapplications"),
      "spark.apache.org", Set.of("sparkapplications", "sparkclusters"));

  private final List<HasMetadata> objects;

  ManifestChecks(List<HasMetadata> objects) {
    this.objects = objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError("expected exactly one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  Deployment deployment() {
    return one(Deployment.class);
  }

  Container container() {
    List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new AssertionError("expected one container in the Deployment, found " + containers.size());
    }
    return containers.get(0);
  }

  String namespace() {
    return deployment().getMetadata().getNamespace();
  }

  /** The value of {@code --name=value} or {@code --name value} in the container's args. */
  Optional<String> flag(String name) {
    List<String> args = Optional.ofNullable(container().getArgs()).orElse(List.of());
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith(name + "=")) {
        return Optional.of(arg.substring(name.length() + 1));
      }
      if (arg.equals(name) && i + 1 < args.size()) {
        return Optional.of(args.get(i + 1));
      }
    }
    return Optional.empty();
  }

  /** A container port given by number or name → its number, or -1. */
  int containerPort(IntOrString port) {
    if (port == null) {
      return -1;
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return Optional.ofNullable(container().getPorts()).orElse(List.of()).stream()
        .filter(p -> Objects.equals(p.getName(), port.getStrVal()))
        .mapToInt(ContainerPort::getContainerPort).findFirst().orElse(-1);
  }

  static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return selector != null && !selector.isEmpty() && labels != null
        && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  Map<String, String> podLabels() {
    return deployment().getSpec().getTemplate().getMetadata().getLabels();
  }

  // ---------------------------------------------------------------------------------------------
  // Service

  /** The Service port (by port number) that routes to the webhook's 8443, or problems. */
  List<String> serviceProblems() {
    List<String> problems = new ArrayList<>();
    Service service = one(Service.class);
    if (!Objects.equals(service.getMetadata().getNamespace(), namespace())) {
      problems.add("Service is in namespace " + service.getMetadata().getNamespace() + ", the Deployment in " + namespace());
    }
    if (!selects(service.getSpec().getSelector(), podLabels())) {
      problems.add("Service selector " + service.getSpec().getSelector() + " does not select the Deployment's pods");
    }
    Set<Integer> targets = new HashSet<>();
    for (ServicePort port : service.getSpec().getPorts()) {
      targets.add(containerPort(port.getTargetPort()));
      if (containerPort(port.getTargetPort()) < 0) {
        problems.add("Service port " + port.getName() + " targets " + port.getTargetPort() + ", which is no container port");
      }
    }
    if (service.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == 443 && containerPort(p.getTargetPort()) == WEBHOOK_PORT)) {
      problems.add("Service has no port 443 routed to the webhook port " + WEBHOOK_PORT);
    }
    if (!targets.contains(ADMIN_PORT)) {
      problems.add("Service has no metrics port routed to the admin port " + ADMIN_PORT);
    }
    if (!flag("--port").equals(Optional.of(String.valueOf(WEBHOOK_PORT)))) {
      problems.add("serve --port is " + flag("--port") + ", expected " + WEBHOOK_PORT);
    }
    if (!flag("--admin-port").equals(Optional.of(String.valueOf(ADMIN_PORT)))) {
      problems.add("serve --admin-port is " + flag("--admin-port") + ", expected " + ADMIN_PORT);
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // Webhook configurations

  /** One webhook of either configuration, reduced to what the checks look at. */
  record Hook(String configuration, String name, List<String> reviewVersions, String sideEffects, Integer timeout,
      String failurePolicy, String matchPolicy, String reinvocation, WebhookClientConfig client,
      LabelSelector namespaceSelector, LabelSelector objectSelector, List<RuleWithOperations> rules,
      List<MatchCondition> conditions) {}

  List<Hook> hooks() {
    List<Hook> hooks = new ArrayList<>();
    for (ValidatingWebhookConfiguration c : all(ValidatingWebhookConfiguration.class)) {
      for (ValidatingWebhook w : c.getWebhooks()) {
        hooks.add(new Hook("ValidatingWebhookConfiguration " + c.getMetadata().getName(), w.getName(),
            w.getAdmissionReviewVersions(), w.getSideEffects(), w.getTimeoutSeconds(), w.getFailurePolicy(),
            w.getMatchPolicy(), null, w.getClientConfig(), w.getNamespaceSelector(), w.getObjectSelector(),
            w.getRules(), w.getMatchConditions()));
      }
    }
    for (MutatingWebhookConfiguration c : all(MutatingWebhookConfiguration.class)) {
      for (MutatingWebhook w : c.getWebhooks()) {
        hooks.add(new Hook("MutatingWebhookConfiguration " + c.getMetadata().getName(), w.getName(),
            w.getAdmissionReviewVersions(), w.getSideEffects(), w.getTimeoutSeconds(), w.getFailurePolicy(),
            w.getMatchPolicy(), w.getReinvocationPolicy(), w.getClientConfig(), w.getNamespaceSelector(),
            w.getObjectSelector(), w.getRules(), w.getMatchConditions()));
      }
    }
    return hooks;
  }

  List<String> webhookProblems() {
    List<String> problems = new ArrayList<>();
    if (all(ValidatingWebhookConfiguration.class).size() != 1 || all(MutatingWebhookConfiguration.class).size() != 1) {
      problems.add("expected one ValidatingWebhookConfiguration and one MutatingWebhookConfiguration");
      return problems;
    }
    Service service = one(Service.class);
    Set<String> names = new HashSet<>();
    for (Hook hook : hooks()) {
      String at = hook.configuration() + " webhook " + hook.name() + ": ";
      boolean mutating = hook.configuration().startsWith("Mutating");
      if (!names.add(hook.configuration() + "/" + hook.name())) {
        problems.add(at + "duplicate webhook name");
      }
      if (hook.name() == null || hook.name().split("\\.").length < 3) {
        problems.add(at + "a webhook name must be a fully qualified name with at least three segments");
      }
      if (!List.of("v1").equals(hook.reviewVersions())) {
        problems.add(at + "admissionReviewVersions is " + hook.reviewVersions() + ", expected [v1]");
      }
      if (!"None".equals(hook.sideEffects())) {
        problems.add(at + "sideEffects is " + hook.sideEffects() + ", expected None");
      }
      if (hook.timeout() == null || hook.timeout() < 1 || hook.timeout() > 10) {
        problems.add(at + "timeoutSeconds is " + hook.timeout() + ", expected 1..10 (unset means 10, too long)");
      }
      if (!"Fail".equals(hook.failurePolicy())) {
        problems.add(at + "failurePolicy is " + hook.failurePolicy() + ", expected Fail");
      }
      if (!"Equivalent".equals(hook.matchPolicy())) {
        problems.add(at + "matchPolicy is " + hook.matchPolicy() + ", expected Equivalent");
      }
      if (mutating && !"IfNeeded".equals(hook.reinvocation())) {
        problems.add(at + "reinvocationPolicy is " + hook.reinvocation() + ", expected IfNeeded");
      }
      problems.addAll(clientProblems(at, hook.client(), mutating ? "/mutate" : "/validate", service));
      problems.addAll(namespaceSelectorProblems(at, hook.namespaceSelector()));
      for (MatchCondition condition : Optional.ofNullable(hook.conditions()).orElse(List.of())) {
        if (condition.getName() == null || condition.getName().isBlank()
            || condition.getExpression() == null || condition.getExpression().isBlank()) {
          problems.add(at + "a matchCondition without a name or an expression");
        }
      }
    }
    problems.addAll(coverageProblems());
    return problems;
  }

  private List<String> clientProblems(String at, WebhookClientConfig client, String path, Service service) {
    List<String> problems = new ArrayList<>();
    if (client == null || client.getService() == null) {
      problems.add(at + "clientConfig.service is missing");
      return problems;
    }
    if (client.getUrl() != null) {
      problems.add(at + "clientConfig.url must not be set next to the service");
    }
    var ref = client.getService();
    if (!Objects.equals(ref.getName(), service.getMetadata().getName())
        || !Objects.equals(ref.getNamespace(), service.getMetadata().getNamespace())) {
      problems.add(at + "calls service " + ref.getNamespace() + "/" + ref.getName() + ", but the Service is "
          + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
    }
    if (!path.equals(ref.getPath())) {
      problems.add(at + "path is " + ref.getPath() + ", the server serves " + path);
    }
    int port = ref.getPort() == null ? 443 : ref.getPort();
    Optional<ServicePort> servicePort = service.getSpec().getPorts().stream().filter(p -> p.getPort() == port).findFirst();
    if (servicePort.isEmpty()) {
      problems.add(at + "service port " + port + " does not exist on the Service");
    } else if (containerPort(servicePort.get().getTargetPort()) != WEBHOOK_PORT) {
      problems.add(at + "service port " + port + " routes to " + servicePort.get().getTargetPort()
          + ", not to the webhook port " + WEBHOOK_PORT);
    }
    return problems;
  }

  private List<String> namespaceSelectorProblems(String at, LabelSelector selector) {
    Set<String> excluded = new HashSet<>();
    if (selector != null && selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if ("kubernetes.io/metadata.name".equals(requirement.getKey()) && "NotIn".equals(requirement.getOperator())) {
          excluded.addAll(requirement.getValues());
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (String namespace : List.of("kube-system", namespace())) {
      if (!excluded.contains(namespace)) {
        problems.add(at + "namespaceSelector does not exclude namespace " + namespace
            + " (kubernetes.io/metadata.name NotIn)");
      }
    }
    return problems;
  }

  static boolean covers(RuleWithOperations rule, String group, String resource, String operation) {
    return (rule.getApiGroups().contains(group) || rule.getApiGroups().contains("*"))
        && (rule.getResources().contains(resource) || rule.getResources().contains("*"))
        && (rule.getOperations().contains(operation) || rule.getOperations().contains("*"));
  }

  static boolean selectsSparkPods(LabelSelector selector) {
    if (selector == null || selector.getMatchExpressions() == null) {
      return false;
    }
    return selector.getMatchExpressions().stream().anyMatch(r -> "spark-role".equals(r.getKey())
        && "In".equals(r.getOperator()) && new HashSet<>(r.getValues()).equals(SPARK_ROLES));
  }

  /** In each configuration: pods through a spark-role objectSelector, CRDs through an entry without one. */
  private List<String> coverageProblems() {
    List<String> problems = new ArrayList<>();
    Map<String, List<Hook>> byConfiguration = hooks().stream()
        .collect(Collectors.groupingBy(Hook::configuration, LinkedHashMap::new, Collectors.toList()));
    for (var entry : byConfiguration.entrySet()) {
      for (String operation : List.of("CREATE", "UPDATE")) {
        List<Hook> pods = entry.getValue().stream()
            .filter(h -> h.rules().stream().anyMatch(r -> covers(r, "", "pods", operation))).toList();
        if (pods.isEmpty()) {
          problems.add(entry.getKey() + ": no webhook sees pods " + operation);
        }
        for (Hook hook : pods) {
          if (!selectsSparkPods(hook.objectSelector())) {
            problems.add(entry.getKey() + " webhook " + hook.name()
                + ": the pod webhook needs objectSelector spark-role In [driver, executor]");
          }
        }
        for (var crd : SPARK_CRDS.entrySet()) {
          for (String resource : crd.getValue()) {
            List<Hook> seeing = entry.getValue().stream()
                .filter(h -> h.rules().stream().anyMatch(r -> covers(r, crd.getKey(), resource, operation))).toList();
            if (seeing.isEmpty()) {
              problems.add(entry.getKey() + ": no webhook sees " + resource + "." + crd.getKey() + " " + operation);
            }
            for (Hook hook : seeing) {
              if (hook.objectSelector() != null && !Optional.ofNullable(hook.objectSelector().getMatchExpressions())
                  .orElse(List.of()).isEmpty()) {
                problems.add(entry.getKey() + " webhook " + hook.name() + ": an objectSelector hides " + resource
                    + "." + crd.getKey() + " (Spark applications carry no spark-role label)");
              }
            }
          }
        }
      }
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // Deployment

  List<String> deploymentProblems() {
    List<String> problems = new ArrayList<>();
    Deployment deployment = deployment();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = container();
    if (deployment.getSpec().getReplicas() == null || deployment.getSpec().getReplicas() < 2) {
      problems.add("Deployment replicas is " + deployment.getSpec().getReplicas() + ", expected at least 2");
    }
    var rolling = deployment.getSpec().getStrategy() == null ? null : deployment.getSpec().getStrategy().getRollingUpdate();
    if (rolling == null || rolling.getMaxUnavailable() == null || !Integer.valueOf(0).equals(rolling.getMaxUnavailable().getIntVal())) {
      problems.add("rolling update must keep every serving replica until its replacement is ready (maxUnavailable 0)");
    }
    if (!selects(deployment.getSpec().getSelector().getMatchLabels(), podLabels())) {
      problems.add("Deployment selector does not match its pod template");
    }
    // security context
    PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
    SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
    if (!Boolean.TRUE.equals(security.getRunAsNonRoot()) && !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
      problems.add("runAsNonRoot is not true");
    }
    Long uid = security.getRunAsUser() != null ? security.getRunAsUser() : podSecurity.getRunAsUser();
    if (uid == null || uid == 0) {
      problems.add("runAsUser must be a fixed non-root uid, is " + uid);
    }
    if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
      problems.add("readOnlyRootFilesystem is not true");
    }
    if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
      problems.add("allowPrivilegeEscalation is not false");
    }
    if (Boolean.TRUE.equals(security.getPrivileged())) {
      problems.add("the container is privileged");
    }
    if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
        || !security.getCapabilities().getDrop().contains("ALL")) {
      problems.add("capabilities do not drop ALL");
    } else if (security.getCapabilities().getAdd() != null && !security.getCapabilities().getAdd().isEmpty()) {
      problems.add("capabilities are added: " + security.getCapabilities().getAdd());
    }
    String seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile().getType()
        : podSecurity.getSeccompProfile() != null ? podSecurity.getSeccompProfile().getType() : null;
    if (!"RuntimeDefault".equals(seccomp)) {
      problems.add("seccompProfile is " + seccomp + ", expected RuntimeDefault");
    }
    if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
      problems.add("the pod uses a host namespace");
    }
    // probes
    problems.addAll(probeProblems("readinessProbe", container.getReadinessProbe(), "/readyz"));
    problems.addAll(probeProblems("livenessProbe", container.getLivenessProbe(), "/healthz"));
    if (container.getStartupProbe() == null) {
      problems.add("startupProbe is missing");
    } else {
      problems.addAll(probeProblems("startupProbe", container.getStartupProbe(), null));
    }
    // scheduling and lifecycle
    Long grace = pod.getTerminationGracePeriodSeconds();
    if (grace == null || grace <= SERVER_SHUTDOWN_DEADLINE_SECONDS || grace > SERVER_SHUTDOWN_DEADLINE_SECONDS + 30) {
      problems.add("terminationGracePeriodSeconds is " + grace + ", expected a bit above the server's "
          + SERVER_SHUTDOWN_DEADLINE_SECONDS + " s shutdown deadline");
    }
    if (pod.getPriorityClassName() == null || pod.getPriorityClassName().isBlank()) {
      problems.add("priorityClassName is not set");
    }
    var antiAffinity = pod.getAffinity() == null ? null : pod.getAffinity().getPodAntiAffinity();
    boolean hostAntiAffinity = antiAffinity != null && (
        Optional.ofNullable(antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution()).orElse(List.of()).stream()
            .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey())
                && selects(t.getLabelSelector().getMatchLabels(), podLabels()))
        || Optional.ofNullable(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution()).orElse(List.of()).stream()
            .anyMatch(t -> "kubernetes.io/hostname".equals(t.getPodAffinityTerm().getTopologyKey())
                && selects(t.getPodAffinityTerm().getLabelSelector().getMatchLabels(), podLabels())));
    if (!hostAntiAffinity) {
      problems.add("no pod anti-affinity across nodes (kubernetes.io/hostname) selecting Sparkgate's pods");
    }
    if (Optional.ofNullable(pod.getTopologySpreadConstraints()).orElse(List.of()).stream()
        .noneMatch(t -> selects(t.getLabelSelector().getMatchLabels(), podLabels()))) {
      problems.add("no topologySpreadConstraint selecting Sparkgate's pods");
    }
    // resources and JVM
    var resources = container.getResources();
    if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey("cpu")
        || !resources.getRequests().containsKey("memory") || resources.getLimits() == null
        || !resources.getLimits().containsKey("memory")) {
      problems.add("resources need cpu and memory requests and a memory limit");
    }
    List<String> command = Optional.ofNullable(container.getCommand()).orElse(List.of());
    String jvm = String.join(" ", command) + " " + Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
        .map(e -> String.valueOf(e.getValue())).collect(Collectors.joining(" "));
    if (!jvm.contains("-XX:MaxRAMPercentage=")) {
      problems.add("the JVM is not sized from the container limit (-XX:MaxRAMPercentage)");
    }
    if (!"serve".equals(Optional.ofNullable(container.getArgs()).filter(a -> !a.isEmpty()).map(a -> a.get(0)).orElse(null))) {
      problems.add("the container does not run `serve`");
    }
    problems.addAll(volumeProblems(pod, container));
    return problems;
  }

  private List<String> probeProblems(String name, Probe probe, String path) {
    List<String> problems = new ArrayList<>();
    HTTPGetAction get = probe == null ? null : probe.getHttpGet();
    if (get == null) {
      problems.add(name + " is not an httpGet probe");
      return problems;
    }
    if (path != null && !path.equals(get.getPath())) {
      problems.add(name + " path is " + get.getPath() + ", expected " + path);
    }
    if (path == null && !List.of("/healthz", "/readyz").contains(get.getPath())) {
      problems.add(name + " path is " + get.getPath() + ", the admin port serves /healthz and /readyz");
    }
    if (containerPort(get.getPort()) != ADMIN_PORT) {
      problems.add(name + " port is " + get.getPort() + ", expected the admin port " + ADMIN_PORT);
    }
    if (get.getScheme() != null && !"HTTP".equals(get.getScheme())) {
      problems.add(name + " scheme is " + get.getScheme() + ", the admin port is plain HTTP");
    }
    return problems;
  }

  /** The volume mounted at the longest mount path that contains {@code path}. */
  Optional<Map.Entry<VolumeMount, Volume>> mountOf(PodSpec pod, Container container, String path) {
    VolumeMount best = null;
    for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
      String root = mount.getMountPath().endsWith("/") ? mount.getMountPath() : mount.getMountPath() + "/";
      if ((path + "/").startsWith(root) && (best == null || mount.getMountPath().length() > best.getMountPath().length())) {
        best = mount;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    VolumeMount found = best;
    return Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
        .filter(v -> v.getName().equals(found.getName())).findFirst().map(v -> Map.entry(found, v));
  }

  /** The ConfigMap of a configMap volume, or the first of a projected volume made only of ConfigMaps. */
  static String policyConfigMap(Volume volume) {
    if (volume.getConfigMap() != null) {
      return volume.getConfigMap().getName();
    }
    var projected = volume.getProjected();
    if (projected == null || projected.getSources() == null || projected.getSources().isEmpty()
        || projected.getSources().stream().anyMatch(s -> s.getConfigMap() == null)) {
      return null;
    }
    return projected.getSources().get(0).getConfigMap().getName();
  }

  private List<String> volumeProblems(PodSpec pod, Container container) {
    List<String> problems = new ArrayList<>();
    Optional<String> policies = flag("--policies");
    var policyMount = policies.flatMap(p -> mountOf(pod, container, p));
    if (policyMount.isEmpty() || policyConfigMap(policyMount.get().getValue()) == null) {
      problems.add("--policies " + policies.orElse("<unset>") + " is not a ConfigMap mount");
    } else {
      if (policyMount.get().getKey().getSubPath() != null) {
        problems.add("the policy ConfigMap is mounted with subPath: updates would never reach the server");
      }
      String configMap = policyConfigMap(policyMount.get().getValue());
      if (all(ConfigMap.class).stream().noneMatch(c -> c.getMetadata().getName().equals(configMap))) {
        problems.add("the policy volume names ConfigMap " + configMap + ", which is not in the manifests");
      }
    }
    Optional<String> certs = flag("--certs");
    var certMount = certs.flatMap(p -> mountOf(pod, container, p));
    if (certMount.isEmpty() || certMount.get().getValue().getSecret() == null
        || !certs.get().equals(certMount.get().getKey().getMountPath().replaceAll("/$", ""))) {
      problems.add("--certs " + certs.orElse("<unset>") + " is not a Secret mounted at that directory");
    } else if (Boolean.TRUE.equals(certMount.get().getValue().getSecret().getOptional())) {
      problems.add("the serving certificate Secret is optional: the server would make a development CA");
    }
    Optional<String> auditKey = flag("--audit-key");
    var keyMount = auditKey.flatMap(p -> mountOf(pod, container, p));
    if (keyMount.isEmpty() || keyMount.get().getValue().getSecret() == null) {
      problems.add("--audit-key " + auditKey.orElse("<unset>") + " is not in a Secret mount");
    } else if (certMount.isPresent() && keyMount.get().getKey().getName().equals(certMount.get().getKey().getName())) {
      problems.add("the audit key comes from the serving-certificate Secret; give it its own Secret");
    }
    Optional<String> auditLog = flag("--audit-log");
    var logMount = auditLog.map(p -> Path.of(p).getParent().toString()).flatMap(p -> mountOf(pod, container, p));
    if (logMount.isEmpty() || Boolean.TRUE.equals(logMount.get().getKey().getReadOnly())
        || (logMount.get().getValue().getEmptyDir() == null && logMount.get().getValue().getPersistentVolumeClaim() == null)) {
      problems.add("--audit-log " + auditLog.orElse("<unset>") + " is not on a writable emptyDir or PVC");
    }
    var tmp = mountOf(pod, container, "/tmp");
    if (tmp.isEmpty() || tmp.get().getValue().getEmptyDir() == null || Boolean.TRUE.equals(tmp.get().getKey().getReadOnly())) {
      problems.add("/tmp is not a writable emptyDir (the root filesystem is read-only)");
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // cluster mode: the Deployment reads Namespaces and SparkTenants, with exactly that RBAC

  /** What the server watches in cluster mode: "group/resource" (core group empty). */
  static final Set<String> CLUSTER_MODE_READS = Set.of("/namespaces", "networking.k8s.io/networkpolicies",
      "sparkgate.io/imagescans", "sparkgate.io/sparkpolicyexceptions", "sparkgate.io/sparktenants");

  List<String> clusterModeProblems() {
    List<String> problems = new ArrayList<>();
    if (!flag("--cluster").map("on"::equals).orElse(false)) {
      problems.add("the server does not run with --cluster=on");
    }
    PodSpec pod = deployment().getSpec().getTemplate().getSpec();
    if (!Boolean.TRUE.equals(pod.getAutomountServiceAccountToken())) {
      problems.add("the pod does not mount its service account token: cluster mode cannot reach the API server");
    }
    String account = pod.getServiceAccountName();
    var bindings = all(io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class).stream()
        .filter(b -> b.getSubjects().stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
            && Objects.equals(account, s.getName()) && Objects.equals(namespace(), s.getNamespace())))
        .filter(b -> !b.getRoleRef().getName().endsWith(BACKGROUND_SCAN_ROLE_SUFFIX))
        .toList();
    Set<String> granted = new java.util.TreeSet<>();
    for (var binding : bindings) {
      var role = all(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class).stream()
          .filter(r -> r.getMetadata().getName().equals(binding.getRoleRef().getName())).findFirst();
      if (role.isEmpty()) {
        problems.add("ClusterRoleBinding " + binding.getMetadata().getName() + " names a ClusterRole not in the manifests");
        continue;
      }
      for (var rule : role.get().getRules()) {
        if (!Set.copyOf(rule.getVerbs()).equals(Set.of("get", "list", "watch"))) {
          problems.add("ClusterRole " + role.get().getMetadata().getName() + " grants " + rule.getVerbs()
              + " on " + rule.getResources() + ", expected exactly get, list, watch");
        }
        if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()
            || rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty()) {
          problems.add("ClusterRole " + role.get().getMetadata().getName() + " has resourceNames or nonResourceURLs");
        }
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            granted.add(group + "/" + resource);
          }
        }
      }
    }
    if (!granted.equals(new java.util.TreeSet<>(CLUSTER_MODE_READS))) {
      problems.add("the service account " + account + " may read " + granted + ", expected exactly "
          + new java.util.TreeSet<>(CLUSTER_MODE_READS));
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // the background scan: a period, reads of the Spark objects, PolicyReport writes, its Lease

  static final String BACKGROUND_SCAN_ROLE_SUFFIX = "-background-scan";
  static final String SCAN_LEASE = "sparkgate-background-scan";
  static final Set<String> READ = Set.of("get", "list", "watch");
  static final Set<String> REPORT_WRITES = Set.of("get", "list", "create", "update", "delete");
  /** What the background scan's ClusterRole grants: "group/resource" to verbs. */
  static final Map<String, Set<String>> BACKGROUND_SCAN_GRANTS = Map.of(
      "sparkoperator.k8s.io/sparkapplications", READ, "sparkoperator.k8s.io/scheduledsparkapplications", READ,
      "spark.apache.org/sparkapplications", READ, "/pods", READ,
      "wgpolicyk8s.io/policyreports", REPORT_WRITES, "wgpolicyk8s.io/clusterpolicyreports", REPORT_WRITES);

  List<String> backgroundScanProblems() {
    List<String> problems = new ArrayList<>();
    if (!flag("--background-scan").map(p -> p.matches("\\d+(ms|s|m|h|d)")).orElse(false)) {
      problems.add("the server does not run with --background-scan=PERIOD");
    }
    String account = deployment().getSpec().getTemplate().getSpec().getServiceAccountName();
    var clusterRoles = all(io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class).stream()
        .filter(b -> b.getRoleRef().getName().endsWith(BACKGROUND_SCAN_ROLE_SUFFIX))
        .filter(b -> boundTo(b.getSubjects(), account))
        .flatMap(b -> all(io.fabric8.kubernetes.api.model.rbac.ClusterRole.class).stream()
            .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName())))
        .toList();
    Map<String, Set<String>> granted = new java.util.TreeMap<>();
    for (var role : clusterRoles) {
      for (var rule : role.getRules()) {
        if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
          problems.add("ClusterRole " + role.getMetadata().getName() + " has resourceNames");
        }
        for (String group : rule.getApiGroups()) {
          for (String resource : rule.getResources()) {
            granted.computeIfAbsent(group + "/" + resource, k -> new java.util.TreeSet<>()).addAll(rule.getVerbs());
          }
        }
      }
    }
    Map<String, Set<String>> expected = new java.util.TreeMap<>();
    BACKGROUND_SCAN_GRANTS.forEach((resource, verbs) -> expected.put(resource, new java.util.TreeSet<>(verbs)));
    if (!granted.equals(expected)) {
      problems.add("the background scan's ClusterRole grants " + granted + ", expected exactly " + expected);
    }
    var leaseRoles = all(io.fabric8.kubernetes.api.model.rbac.RoleBinding.class).stream()
        .filter(b -> namespace().equals(b.getMetadata().getNamespace()) && boundTo(b.getSubjects(), account))
        .flatMap(b -> all(io.fabric8.kubernetes.api.model.rbac.Role.class).stream()
            .filter(r -> r.getMetadata().getName().equals(b.getRoleRef().getName())
                && namespace().equals(r.getMetadata().getNamespace())))
        .toList();
    Set<String> leaseGrants = new java.util.TreeSet<>();
    for (var role : leaseRoles) {
      for (var rule : role.getRules()) {
        List<String> names = rule.getResourceNames() == null ? List.of() : rule.getResourceNames();
        for (String verb : rule.getVerbs()) {
          for (String resource : rule.getResources()) {
            leaseGrants.add(String.join("/", rule.getApiGroups()) + "/" + resource + ":" + verb
                + (names.isEmpty() ? "" : names.toString()));
          }
        }
      }
    }
    Set<String> expectedLease = new java.util.TreeSet<>(List.of("coordination.k8s.io/leases:create",
        "coordination.k8s.io/leases:get[" + SCAN_LEASE + "]", "coordination.k8s.io/leases:update[" + SCAN_LEASE + "]",
        "coordination.k8s.io/leases:patch[" + SCAN_LEASE + "]"));
    if (!leaseGrants.equals(expectedLease)) {
      problems.add("the service account's Roles in " + namespace() + " grant " + leaseGrants + ", expected exactly "
          + expectedLease);
    }
    return problems;
  }

  private boolean boundTo(List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects, String account) {
    return subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind()) && Objects.equals(account, s.getName())
        && Objects.equals(namespace(), s.getNamespace()));
  }

  // ---------------------------------------------------------------------------------------------
  // Namespace, PDB, NetworkPolicy

  List<String> namespaceProblems() {
    List<String> problems = new ArrayList<>();
    if (all(Namespace.class).stream().noneMatch(n -> n.getMetadata().getName().equals(namespace()))) {
      problems.add("no Namespace object for " + namespace());
    }
    for (HasMetadata object : objects) {
      boolean clusterScoped = object instanceof Namespace || object instanceof ValidatingWebhookConfiguration
          || object instanceof MutatingWebhookConfiguration
          || object instanceof io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition
          || object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole
          || object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
      if (!clusterScoped && !namespace().equals(object.getMetadata().getNamespace())) {
        problems.add(object.getKind() + " " + object.getMetadata().getName() + " is in namespace "
            + object.getMetadata().getNamespace() + ", not " + namespace());
      }
    }
    return problems;
  }

  List<String> disruptionProblems() {
    List<String> problems = new ArrayList<>();
    PodDisruptionBudget pdb = one(PodDisruptionBudget.class);
    if (pdb.getSpec().getMinAvailable() == null || !Integer.valueOf(1).equals(pdb.getSpec().getMinAvailable().getIntVal())) {
      problems.add("PodDisruptionBudget minAvailable is " + pdb.getSpec().getMinAvailable() + ", expected 1");
    }
    if (!selects(pdb.getSpec().getSelector().getMatchLabels(), podLabels())) {
      problems.add("PodDisruptionBudget does not select the Deployment's pods");
    }
    return problems;
  }

  List<String> networkPolicyProblems() {
    List<String> problems = new ArrayList<>();
    NetworkPolicy policy = one(NetworkPolicy.class);
    if (!selects(policy.getSpec().getPodSelector().getMatchLabels(), podLabels())) {
      problems.add("NetworkPolicy does not select the Deployment's pods");
    }
    if (policy.getSpec().getPolicyTypes() == null || !policy.getSpec().getPolicyTypes().contains("Ingress")) {
      problems.add("NetworkPolicy does not restrict Ingress");
    }
    Set<Integer> allowed = new HashSet<>();
    for (NetworkPolicyIngressRule rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
      if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
        problems.add("a NetworkPolicy ingress rule allows every port");
        continue;
      }
      for (NetworkPolicyPort port : rule.getPorts()) {
        if (port.getEndPort() != null) {
          problems.add("a NetworkPolicy ingress rule allows a port range");
        }
        allowed.add(containerPort(port.getPort()));
      }
    }
    if (!allowed.equals(Set.of(WEBHOOK_PORT, ADMIN_PORT))) {
      problems.add("NetworkPolicy admits ports " + allowed + ", expected exactly the webhook " + WEBHOOK_PORT
          + " and metrics " + ADMIN_PORT + " ports");
    }
    return problems;
  }

  // ---------------------------------------------------------------------------------------------
  // cert-manager

  List<String> certManagerProblems() {
    List<String> problems = new ArrayList<>();
    Service service = one(Service.class);
    String certsSecret = mountOf(deployment().getSpec().getTemplate().getSpec(), container(), flag("--certs").orElse("/"))
        .map(m -> m.getValue().getSecret() == null ? null : m.getValue().getSecret().getSecretName()).orElse(null);
    List<Certificate> serving = all(Certificate.class).stream()
        .filter(c -> Objects.equals(c.getSpec().getSecretName(), certsSecret)).toList();
    if (serving.size() != 1) {
      problems.add("expected one Certificate writing the Secret " + certsSecret + ", found " + serving.size());
      return problems;
    }
    Certificate certificate = serving.get(0);
    String svc = service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc";
    List<String> dnsNames = Optional.ofNullable(certificate.getSpec().getDnsNames()).orElse(List.of());
    for (String name : List.of(svc, svc + ".cluster.local")) {
      if (!dnsNames.contains(name)) {
        problems.add("Certificate " + certificate.getMetadata().getName() + " lacks dnsName " + name);
      }
    }
    if (Boolean.TRUE.equals(certificate.getSpec().getIsCA())) {
      problems.add("the serving Certificate must not be a CA");
    }
    var issuerRef = certificate.getSpec().getIssuerRef();
    if (issuerRef == null || !"Issuer".equals(issuerRef.getKind()) || all(Issuer.class).stream()
        .noneMatch(i -> i.getMetadata().getName().equals(issuerRef.getName()))) {
      problems.add("Certificate " + certificate.getMetadata().getName() + " names an Issuer that is not in the manifests");
    }
    String expected = certificate.getMetadata().getNamespace() + "/" + certificate.getMetadata().getName();
    List<HasMetadata> configurations = new ArrayList<>(all(ValidatingWebhookConfiguration.class));
    configurations.addAll(all(MutatingWebhookConfiguration.class));
    for (HasMetadata configuration : configurations) {
      String annotation = Optional.ofNullable(configuration.getMetadata().getAnnotations()).orElse(Map.of())
          .get("cert-manager.io/inject-ca-from");
      if (!expected.equals(annotation)) {
        problems.add(configuration.getKind() + " " + configuration.getMetadata().getName()
            + ": cert-manager.io/inject-ca-from is " + annotation + ", expected " + expected);
      }
    }
    for (Hook hook : hooks()) {
      if (hook.client().getCaBundle() != null && !hook.client().getCaBundle().isEmpty()) {
        problems.add(hook.configuration() + " webhook " + hook.name() + ": caBundle is set; cainjector owns it");
      }
    }
    return problems;
  }
}
