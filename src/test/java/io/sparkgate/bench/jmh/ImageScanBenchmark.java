package io.sparkgate.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.BindingValidation;
import io.sparkgate.evaluate.EvaluationContext;
import io.sparkgate.evaluate.PolicyDecision;
import io.sparkgate.evaluate.ValidatingPolicyEvaluator;
import io.sparkgate.images.ImageScan;
import io.sparkgate.images.ImageScanKeys;
import io.sparkgate.images.ImageScanStore;
import io.sparkgate.policy.CompiledValidatingBinding;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
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
 * The cost of the image scan check per request: policy sparkgate.io.spark-image-scan on a Spark
 * executor pod (one pinned image) and on a SparkApplication (three pinned images), with the
 * fixture records alone or with 10,000 more signed records in the index, the records read from files
 * or held by the cluster's store (layered in front of the files' index, as in cluster mode). Run
 * from the project root:
 * {@code java -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.openjdk.jmh.Main ImageScan}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ImageScanBenchmark {
  private static final Path FIXTURES = Path.of("test-fixtures/images");
  private static final String CLEAN = "registry.example.com/spark/spark@sha256:"
      + "a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41";

  @Param({"0", "10000"})
  public int extraRecords;

  /** Where the records are: policy files, or the cluster's store in front of an empty files index. */
  @Param({"files", "cluster"})
  public String recordsIn;

  private final AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(100);
  private final ValidatingPolicyEvaluator evaluator =
      new ValidatingPolicyEvaluator();
  private PolicySet set;
  private CompiledValidatingBinding binding;
  private AdmissionRequest pod;
  private AdmissionRequest application;

  @Setup
  public void load() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(Path.of("policies/spark-image-scan.yaml"), Files.readString(Path.of("policies/spark-image-scan.yaml")));
    for (String name : List.of("tenants.yaml", "trusted-keys.yaml")) {
      texts.put(FIXTURES.resolve(name), Files.readString(FIXTURES.resolve(name)));
    }
    Map<Path, String> records = new LinkedHashMap<>();
    records.put(FIXTURES.resolve("scan-clean.yaml"), Files.readString(FIXTURES.resolve("scan-clean.yaml")));
    if (extraRecords > 0) {
      records.put(Path.of("extra-records.json"), extraRecords(extraRecords));
    }
    boolean inCluster = recordsIn.equals("cluster");
    if (!inCluster) {
      texts.putAll(records);
    }
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).compile(texts, new ArrayList<>());
    set = result.policySet();
    if (inCluster) {
      ImageScanStore store = new ImageScanStore();
      store.trust(set.imageScans().keys());
      for (Map.Entry<Path, String> file : records.entrySet()) {
        for (SourceDocument document : new YamlDocumentReader().read(file.getKey(), file.getValue())) {
          JsonNode tree = document.tree();
          Iterable<JsonNode> objects = tree.has("items") ? tree.get("items") : List.of(tree);
          for (JsonNode object : objects) {
            store.put(object);
          }
        }
      }
      set = set.withImageScans(store.index().inFrontOf(set.imageScans()));
    }
    if (result.hasErrors() || set.imageScans().verifiedCount() != extraRecords + 1) {
      throw new IllegalStateException("records not loaded: " + result.issues());
    }
    binding = set.validatingBindings().get(0);
    pod = request("""
        {apiVersion: v1, kind: Pod, metadata: {name: e, labels: {spark-role: executor}},
         spec: {containers: [{name: spark-kubernetes-executor, image: "%s"}]}}""".formatted(CLEAN));
    application = request("""
        {apiVersion: sparkoperator.k8s.io/v1beta2, kind: SparkApplication, metadata: {name: a},
         spec: {type: Scala, image: "%1$s", mainApplicationFile: "local:///a.jar",
                driver: {cores: 1, memory: 1g, image: "%1$s"}, executor: {instances: 2, cores: 1, memory: 1g,
                sidecars: [{name: s, image: "%1$s"}]},
                sparkConf: {spark.kubernetes.executor.container.image: "%1$s"}}}""".formatted(CLEAN));
    // the benchmark measures the allowed path: every image pinned, recorded and clean
    for (AdmissionRequest request : List.of(pod, application)) {
      for (int cold = 0; cold < 20; cold++) { // the first evaluations load classes: keep them out of the check
        evaluator.evaluate(binding, EvaluationContext.of(request, set).build());
      }
      for (BindingValidation evaluation : evaluator.evaluate(binding, EvaluationContext.of(request, set).build())) {
        for (PolicyDecision decision : evaluation.decisions()) {
          if (decision.outcome() != PolicyDecision.Outcome.PASS) {
            throw new IllegalStateException("the image scan policy does not allow the benchmark's request: " + decision);
          }
        }
      }
    }
  }

  private AdmissionRequest request(String yaml) throws Exception {
    JsonNode object = new YamlDocumentReader().read(Path.of("object.yaml"), yaml).get(0).tree();
    return decoder.decode(new ObjectMapper().writeValueAsBytes(new ReviewBuilder().namespace("team-scan").build(object)));
  }

  /** Records of other images, signed with the fixtures' CI key. */
  static String extraRecords(int count) {
    Ed25519PrivateKeyParameters key = ImageScanKeys.readPrivateKey(FIXTURES.resolve("ci-test.key"));
    StringBuilder json = new StringBuilder("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [");
    for (int i = 0; i < count; i++) {
      String digest = "sha256:" + HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putInt(i).array());
      ImageScan scan = new ImageScan(digest, "registry.example.com/team/app-" + i,
          new ImageScan.Scanner("trivy", "0.58.1"), "2026-12-01T10:00:00Z", List.of(), null);
      json.append(i == 0 ? "" : ",\n").append(ImageScanKeys.sign(scan, key).toObject());
    }
    return json.append("]}").toString();
  }

  @Benchmark
  public Object executorPod() {
    return evaluator.evaluate(binding, EvaluationContext.of(pod, set).build());
  }

  @Benchmark
  public Object sparkApplication() {
    return evaluator.evaluate(binding, EvaluationContext.of(application, set).build());
  }
}
