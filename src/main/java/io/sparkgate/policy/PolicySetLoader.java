package io.sparkgate.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.MutatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.MutatingAdmissionPolicyBinding;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.spark.SparkPolicyException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Compiles a policy directory's documents (read by {@link PolicyDocuments}) into a {@link PolicySet}:
 * routes each by kind, compiles the policies' CEL, builds the bindings and params. Every problem is
 * collected with its position; the caller decides whether a set with errors may serve (the server:
 * never).
 */
public final class PolicySetLoader {
  static final String ADMISSION_GROUP = "admissionregistration.k8s.io/";
  private static final Set<String> VALIDATING_VERSIONS =
      Set.of(ADMISSION_GROUP + "v1", ADMISSION_GROUP + "v1beta1");
  private static final Set<String> MUTATING_VERSIONS =
      Set.of(ADMISSION_GROUP + "v1", ADMISSION_GROUP + "v1beta1", ADMISSION_GROUP + "v1alpha1");

  /** The result of one load: a set (possibly with errors) and every problem found. */
  public record Result(PolicySet policySet, List<LoadIssue> issues) {
    public boolean hasErrors() {
      return issues.stream().anyMatch(issue -> issue.severity() == Severity.ERROR);
    }

    public List<LoadIssue> errors() {
      return issues.stream().filter(issue -> issue.severity() == Severity.ERROR).toList();
    }
  }

  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
  private final ExpressionCompiler expressions;
  private final ValidatingPolicyCompiler validatingCompiler;
  private final MutatingPolicyCompiler mutatingCompiler;
  private final BindingCompiler bindingCompiler;
  private final PolicyDocuments documents;
  private final ParamChecks paramChecks;
  private Consumer<SourceDocument> admissionDocuments = document -> {};
  private List<Path> imageScanKeys = List.of();
  private RepeatedLoads repeated;

  public PolicySetLoader(CelEnvironment environment) {
    this(environment, ParamChecks.standard());
  }

  public PolicySetLoader(CelEnvironment environment, ParamChecks paramChecks) {
    this.paramChecks = paramChecks;
    this.documents = new PolicyDocuments(paramChecks);
    this.expressions = new ExpressionCompiler(environment.cel(), environment.literals());
    this.validatingCompiler = new ValidatingPolicyCompiler(expressions);
    this.mutatingCompiler = new MutatingPolicyCompiler(expressions, mapper);
    this.bindingCompiler = new BindingCompiler(mapper);
  }

  /**
   * Also hands every admissionregistration document (policies and bindings) read to {@code listener},
   * for checks beyond loading ({@code lint}'s schema check and portability report).
   */
  public PolicySetLoader onAdmissionDocument(Consumer<SourceDocument> listener) {
    this.admissionDocuments = listener;
    return this;
  }

  /**
   * Also trusts the Ed25519 public keys in these PEM files or directories ({@code --image-scan-keys}),
   * read again at every load like the policy files.
   */
  public PolicySetLoader withImageScanKeys(List<Path> paths) {
    this.imageScanKeys = List.copyOf(paths);
    return this;
  }

  /**
   * Reads and compiles a file loaded again with the same text only once, in the life of this
   * loader: for a run that loads the same policies many times ({@code test}), never the server.
   */
  public PolicySetLoader rememberingRepeatedLoads() {
    repeated = new RepeatedLoads();
    documents.remember(repeated);
    expressions.rememberPrograms();
    return this;
  }

  /** Keeps compiled expressions in {@code cache} between runs (and server starts). */
  public PolicySetLoader withCompileCache(CompileCache cache) {
    expressions.useCache(cache);
    return this;
  }

  /** Every file a load of {@code root} reads: the policy files and the image scan key files. */
  public List<Path> inputs(Path root) throws IOException {
    List<Path> files = new ArrayList<>(PolicyFiles.list(root));
    files.addAll(ImageScanKeyFiles.list(imageScanKeys));
    return files;
  }

  public ExpressionCompiler expressions() {
    return expressions;
  }

  public Result load(Path root) {
    List<LoadIssue> issues = new ArrayList<>();
    return compile(PolicyDocuments.readTexts(root, issues), issues);
  }

  /** Compiles documents given as text, keyed by the path they are reported under. */
  public Result compile(Map<Path, String> texts, List<LoadIssue> issues) {
    Map<Path, String> keyTexts = imageScanKeys.isEmpty() ? Map.of() : ImageScanKeyFiles.read(imageScanKeys, issues);
    List<Ed25519PublicKeyParameters> settingKeys = ImageScanKeyFiles.keys(keyTexts, issues);
    PolicyDocuments.Read read = documents.parse(texts, issues);
    try {
      Map<Path, String> hashed = texts;
      if (!keyTexts.isEmpty()) {
        hashed = new LinkedHashMap<>(texts);
        hashed.putAll(keyTexts);
      }
      return new Result(assemble(read.documents(), settingKeys, issues, PolicyDocuments.hash(hashed)),
          List.copyOf(issues));
    } catch (RuntimeException e) {
      // A shape the checks above missed must fail the load with a reason, never crash a reload or lint.
      issues.add(new LoadIssue(Severity.ERROR, read.firstPosition(), "cannot load the policies: " + e));
      return new Result(PolicySet.empty(), List.copyOf(issues));
    }
  }

  private PolicySet assemble(List<SourceDocument> documents, List<Ed25519PublicKeyParameters> settingKeys,
      List<LoadIssue> issues, String hash) {
    Map<String, CompiledValidatingPolicy> validating = new HashMap<>();
    Map<String, CompiledMutatingPolicy> mutating = new HashMap<>();
    List<BindingCompiler.Source<ValidatingAdmissionPolicyBinding>> validatingBindings = new ArrayList<>();
    List<BindingCompiler.Source<MutatingAdmissionPolicyBinding>> mutatingBindings = new ArrayList<>();
    ParamStore.Builder params = new ParamStore.Builder(paramChecks);
    Map<String, JsonNode> namespaces = new HashMap<>();
    List<SourceDocument> exceptions = new ArrayList<>();
    ImageScanRecords imageScans = new ImageScanRecords(settingKeys);
    List<CompiledDocument> compiled = compilePolicies(documents);
    for (int index = 0; index < documents.size(); index++) {
      SourceDocument document = documents.get(index);
      JsonNode tree = document.tree();
      if (!tree.isObject()) {
        issues.add(new LoadIssue(Severity.ERROR, document.positionOf(""), "a document must be an object"));
        continue;
      }
      String apiVersion = tree.path("apiVersion").asText("");
      String kind = tree.path("kind").asText("");
      String name = tree.path("metadata").path("name").asText("");
      if (apiVersion.isEmpty() || kind.isEmpty()) {
        issues.add(new LoadIssue(Severity.ERROR, document.positionOf(""), "document has no apiVersion or kind"));
        continue;
      }
      if (name.isEmpty()) {
        issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/metadata"), kind + " has no metadata.name"));
        continue;
      }
      if (apiVersion.startsWith(ADMISSION_GROUP)) {
        admissionDocuments.accept(document);
      }
      if (kind.equals("ValidatingAdmissionPolicy") && VALIDATING_VERSIONS.contains(apiVersion)) {
        CompiledDocument policy = compiled.get(index);
        issues.addAll(policy.issues());
        if (policy.policy() != null) {
          addPolicy(validating, name, (CompiledValidatingPolicy) policy.policy(), kind, document, issues);
        }
      } else if (kind.equals("ValidatingAdmissionPolicyBinding") && VALIDATING_VERSIONS.contains(apiVersion)) {
        ValidatingAdmissionPolicyBinding binding = read(document, ValidatingAdmissionPolicyBinding.class, issues);
        if (binding != null) {
          validatingBindings.add(new BindingCompiler.Source<>(binding, document));
        }
      } else if (kind.equals("MutatingAdmissionPolicy") && MUTATING_VERSIONS.contains(apiVersion)) {
        CompiledDocument policy = compiled.get(index);
        issues.addAll(policy.issues());
        if (policy.policy() != null) {
          addPolicy(mutating, name, (CompiledMutatingPolicy) policy.policy(), kind, document, issues);
        }
      } else if (kind.equals("MutatingAdmissionPolicyBinding") && MUTATING_VERSIONS.contains(apiVersion)) {
        MutatingAdmissionPolicyBinding binding = read(document, MutatingAdmissionPolicyBinding.class, issues);
        if (binding != null) {
          mutatingBindings.add(new BindingCompiler.Source<>(binding, document));
        }
      } else if (kind.equals("Namespace") && apiVersion.equals("v1")) {
        namespaces.put(name, tree);
      } else if (imageScans.offer(document, issues)) {
        continue;
      } else {
        params.add(tree);
        if (SparkPolicyException.isException(tree)) {
          exceptions.add(document);
        }
        // Served requests that use the object fail with the same text; lint shows where.
        for (ParamChecks.Problem problem : paramChecks.problems(tree)) {
          issues.add(new LoadIssue(Severity.WARNING, document.positionOf(problem.pointer()),
              problem.message() + " (Spark requests of its namespace are denied until it is fixed)"));
        }
      }
    }
    for (SourceDocument exception : exceptions) {
      ExceptionChecks.check(exception, validating.keySet(), Instant.now(), issues);
    }
    return PolicySet.of(
        bindingCompiler.validating(validatingBindings, validating, issues),
        validating.values().stream().sorted(Comparator.comparing(CompiledValidatingPolicy::name)).toList(),
        bindingCompiler.mutating(mutatingBindings, mutating, issues),
        mutating.values().stream().sorted(Comparator.comparing(CompiledMutatingPolicy::name)).toList(),
        params.build(), new FileNamespaces(namespaces), hash).withImageScans(imageScans.index(issues));
  }

  /** A policy document's compiled form (null when it does not read) and the issues found on the way. */
  private record CompiledDocument(Object policy, List<LoadIssue> issues) {}

  /**
   * Compiling the CEL of the policies is most of a load; documents are independent, so they are
   * compiled on all cores. Each keeps its own issues, which are reported in document order.
   */
  private List<CompiledDocument> compilePolicies(List<SourceDocument> documents) {
    CompiledDocument[] compiled = new CompiledDocument[documents.size()];
    IntStream.range(0, compiled.length).parallel()
        .forEach(index -> compiled[index] = repeated == null ? compilePolicy(documents.get(index))
            : repeated.compiled(documents.get(index), this::compilePolicy));
    return Arrays.asList(compiled);
  }

  private CompiledDocument compilePolicy(SourceDocument document) {
    JsonNode tree = document.tree();
    String apiVersion = tree.path("apiVersion").asText("");
    String kind = tree.path("kind").asText("");
    List<LoadIssue> issues = new ArrayList<>();
    if (kind.equals("ValidatingAdmissionPolicy") && VALIDATING_VERSIONS.contains(apiVersion)) {
      ValidatingAdmissionPolicy policy = read(document, ValidatingAdmissionPolicy.class, issues);
      return new CompiledDocument(policy == null ? null : validatingCompiler.compile(policy, document, issues), issues);
    }
    if (kind.equals("MutatingAdmissionPolicy") && MUTATING_VERSIONS.contains(apiVersion)) {
      MutatingAdmissionPolicy policy = read(document, MutatingAdmissionPolicy.class, issues);
      return new CompiledDocument(policy == null ? null : mutatingCompiler.compile(policy, document, issues), issues);
    }
    return null;
  }

  private static <P> void addPolicy(Map<String, P> policies, String name, P compiled, String kind,
      SourceDocument document, List<LoadIssue> issues) {
    if (policies.putIfAbsent(name, compiled) != null) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/metadata/name"),
          "duplicate " + kind + " \"" + name + "\""));
    }
  }

  private <T> T read(SourceDocument document, Class<T> type, List<LoadIssue> issues) {
    try {
      return mapper.treeToValue(document.tree(), type);
    } catch (JsonMappingException e) {
      StringBuilder pointer = new StringBuilder();
      for (JsonMappingException.Reference reference : e.getPath()) {
        pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
      }
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf(pointer.toString()),
          type.getSimpleName() + " field " + (pointer.length() == 0 ? "" : pointer + " ") + "has the wrong type"
              + expectedType(e)));
      return null;
    } catch (IllegalArgumentException | IOException e) {
      issues.add(new LoadIssue(Severity.ERROR, document.positionOf(""), e.getMessage()));
      return null;
    }
  }

  private static String expectedType(JsonMappingException e) {
    if (e instanceof MismatchedInputException mismatch
        && mismatch.getTargetType() != null) {
      Class<?> target = mismatch.getTargetType();
      if (Collection.class.isAssignableFrom(target)) {
        return ": expected a list";
      }
      if (Map.class.isAssignableFrom(target)) {
        return ": expected a map";
      }
      if (target == String.class) {
        return ": expected a string";
      }
      if (target == Integer.class || target == Long.class || target == int.class || target == long.class) {
        return ": expected an integer";
      }
      if (target == Boolean.class || target == boolean.class) {
        return ": expected a boolean";
      }
      return ": expected an object";
    }
    return ": " + e.getOriginalMessage();
  }
}
