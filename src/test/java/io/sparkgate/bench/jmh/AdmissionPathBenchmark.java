package io.sparkgate.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.AdmissionReviewEncoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.AdmissionEngine;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.EvaluationContext;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.evaluate.ValidatingPolicyEvaluator;
import io.sparkgate.patch.JsonDiff;
import io.sparkgate.policy.CompiledValidatingBinding;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stages of one request, each on its own: decode, match, evaluation per policy, patch
 * building, encode; and whole requests with the shipped pack, with and without 100 extra policies
 * that match other resources. Run from the project root:
 * {@code java -cp target/test-classes:$(cat target/classpath.txt):target/classes org.openjdk.jmh.Main AdmissionPath}
 * (see BENCHMARKS.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AdmissionPathBenchmark {
  @Param({"pack", "pack+100"})
  public String policies;

  private final AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(100);
  private final AdmissionReviewEncoder encoder = new AdmissionReviewEncoder(decoder.mapper());
  private final AdmissionEngine engine =
      new AdmissionEngine(SafetyNet.OFF, CelEnvironment.unsupportedAuthorizer());
  private final ValidatingPolicyEvaluator evaluator =
      new ValidatingPolicyEvaluator();
  private PolicySet set;
  private byte[] executorBody;
  private byte[] applicationBody;
  private AdmissionRequest executor;
  private AdmissionResponse mutated;
  private JsonNode patchedExecutor;
  private Map<String, CompiledValidatingBinding> bindingsByPolicy;

  @Setup
  public void load() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("policies"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        texts.put(file, Files.readString(file));
      }
    }
    Path tenant = Path.of("test-fixtures/spark/tenant-alpha.yaml");
    texts.put(tenant, Files.readString(tenant));
    if (policies.equals("pack+100")) {
      texts.put(Path.of("extra.yaml"), extraPolicies(100));
    }
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).compile(texts, new ArrayList<>());
    if (result.hasErrors()) {
      throw new IllegalStateException(result.errors().toString());
    }
    set = result.policySet();
    Path pod = Path.of("test-fixtures/spark/executor-pod.yaml");
    JsonNode object = new YamlDocumentReader().read(pod, Files.readString(pod, StandardCharsets.UTF_8)).get(0).tree();
    executorBody = new ObjectMapper().writeValueAsBytes(new ReviewBuilder().namespace("team-alpha").build(object));
    executor = decoder.decode(executorBody);
    applicationBody = reviewBody(Path.of("test-fixtures/spark/app-scala.yaml"));
    mutated = engine.review(executor, set, Phase.MUTATE, Explainer.NONE).response();
    patchedExecutor = com.flipkart.zjsonpatch.JsonPatch.apply(new ObjectMapper().readTree(mutated.patch()), object);
    bindingsByPolicy = new LinkedHashMap<>();
    for (CompiledValidatingBinding binding : set.validatingBindings()) {
      bindingsByPolicy.put(binding.policy().name(), binding);
    }
  }

  private static byte[] reviewBody(Path file) throws Exception {
    JsonNode object = new YamlDocumentReader().read(file, Files.readString(file, StandardCharsets.UTF_8)).get(0).tree();
    return new ObjectMapper().writeValueAsBytes(new ReviewBuilder().namespace("team-alpha").build(object));
  }

  /** Policies for ConfigMaps: present in the set, never matching a Spark pod. */
  static String extraPolicies(int count) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < count; i++) {
      yaml.append("""
          ---
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingAdmissionPolicy
          metadata: {name: extra-%d}
          spec:
            matchConstraints:
              resourceRules:
              - {apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [configmaps]}
            validations:
            - expression: "!has(object.data) || object.data.size() < %d"
          ---
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingAdmissionPolicyBinding
          metadata: {name: extra-%d}
          spec: {policyName: extra-%d, validationActions: [Deny]}
          """.formatted(i, 100 + i, i, i));
    }
    return yaml.toString();
  }

  @Benchmark
  public AdmissionRequest decode() throws Exception {
    return decoder.decode(executorBody);
  }

  @Benchmark
  public int match() {
    int matching = 0;
    for (CompiledValidatingBinding binding : set.validatingIndex().candidates("", "pods")) {
      if (binding.policy().constraints().matches(executor, set.namespaces())) {
        matching++;
      }
    }
    return matching;
  }

  @Benchmark
  public Object evaluatePodResourcesPolicy() {
    return evaluator.evaluate(bindingsByPolicy.get("sparkgate.io.spark-pod-resources"), EvaluationContext.of(executor, set).build());
  }

  @Benchmark
  public Object evaluatePodSecurityPolicy() {
    return evaluator.evaluate(bindingsByPolicy.get("sparkgate.io.spark-pod-security"), EvaluationContext.of(executor, set).build());
  }

  @Benchmark
  public Object evaluatePodResidencyPolicy() {
    return evaluator.evaluate(bindingsByPolicy.get("sparkgate.io.spark-pod-residency"), EvaluationContext.of(executor, set).build());
  }

  @Benchmark
  public Object buildPatch() {
    return JsonDiff.between(executor.object(), patchedExecutor);
  }

  @Benchmark
  public byte[] encode() {
    return encoder.encode(mutated);
  }

  @Benchmark
  public byte[] wholeValidate() throws Exception {
    AdmissionRequest request = decoder.decode(executorBody);
    return encoder.encode(engine.review(request, set, Phase.VALIDATE, Explainer.NONE).response());
  }

  /** A SparkApplication CREATE through /validate: every application policy reads {@code spark.app(object)}. */
  @Benchmark
  public byte[] wholeValidateApplication() throws Exception {
    AdmissionRequest request = decoder.decode(applicationBody);
    return encoder.encode(engine.review(request, set, Phase.VALIDATE, Explainer.NONE).response());
  }

  @Benchmark
  public byte[] wholeMutate() throws Exception {
    AdmissionRequest request = decoder.decode(executorBody);
    return encoder.encode(engine.review(request, set, Phase.MUTATE, Explainer.NONE).response());
  }
}
