package io.sparkgate.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparkgate.admission.InvalidReviewException;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicyFiles;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.CompileCache;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs policy test suites: YAML files that name policies, requests and expected answers. Each
 * request goes through {@link OfflineAdmission}, the path {@code eval} takes.
 */
public final class SuiteRunner {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final PolicySetLoader loader = new PolicySetLoader(CelEnvironment.standard()).rememberingRepeatedLoads();

  /** Also trusts the image scan keys in these PEM files or directories, in every suite. */
  public SuiteRunner withImageScanKeys(List<Path> paths) {
    loader.withImageScanKeys(paths);
    return this;
  }

  /** Keeps compiled expressions in {@code cache} between runs. */
  public SuiteRunner withCompileCache(CompileCache cache) {
    loader.withCompileCache(cache);
    return this;
  }

  /** Every suite file under the paths: files as given, directories searched for {@code *.yaml}. */
  public static List<Path> suiteFiles(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : PolicyFiles.list(path)) {
        if (Files.isRegularFile(path) || isSuite(file)) {
          files.add(file);
        }
      }
    }
    return files;
  }

  private static boolean isSuite(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.contains("\ncases:") || text.startsWith("cases:");
    } catch (IOException e) {
      return false;
    }
  }

  public List<CaseResult> run(Path suiteFile) {
    String suiteName = suiteFile.toString();
    JsonNode suite;
    try {
      List<SourceDocument> documents = new YamlDocumentReader().read(suiteFile, Files.readString(suiteFile));
      if (documents.isEmpty()) {
        return List.of(new CaseResult(suiteName, "(suite)", List.of("the suite file is empty")));
      }
      suite = documents.get(0).tree();
    } catch (IOException | YamlDocumentReader.UnreadableDocumentException e) {
      return List.of(new CaseResult(suiteName, "(suite)", List.of("cannot read suite: " + e.getMessage())));
    }
    suiteName = suite.path("suite").asText(suiteName);
    PolicySetLoader.Result loaded;
    try {
      loaded = loadPolicies(suiteFile, suite);
    } catch (IOException e) {
      return List.of(new CaseResult(suiteName, "(policies)", List.of(e.getMessage())));
    }
    boolean expectLoadErrors = suite.path("expectLoadErrors").asBoolean(false);
    if (loaded.hasErrors() && !expectLoadErrors) {
      return List.of(new CaseResult(suiteName, "(policies)",
          loaded.errors().stream().map(LoadIssue::toString).toList()));
    }
    List<CaseResult> results = new ArrayList<>();
    JsonNode defaults = suite.path("defaults");
    JsonNode approvers = suite.path("platformApprovers");
    OfflineAdmission admission = new OfflineAdmission(new PlatformApprovers(
        texts(approvers.path("users")), texts(approvers.path("groups"))));
    for (JsonNode testCase : suite.path("cases")) {
      results.add(runCase(admission, suiteFile.getParent(), suiteName, defaults, testCase, loaded.policySet()));
    }
    if (results.isEmpty()) {
      results.add(new CaseResult(suiteName, "(suite)", List.of("the suite has no cases")));
    }
    return results;
  }

  private PolicySetLoader.Result loadPolicies(Path suiteFile, JsonNode suite) throws IOException {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (JsonNode entry : suite.path("policies")) {
      Path path = suiteFile.getParent().resolve(entry.asText());
      for (Path file : PolicyFiles.list(path)) {
        texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    JsonNode resources = suite.path("resources");
    if (resources.isArray() && !resources.isEmpty()) {
      StringBuilder inline = new StringBuilder();
      for (JsonNode resource : resources) {
        inline.append("---\n").append(YAML.writeValueAsString(resource).replaceFirst("^---\n", ""));
      }
      texts.put(Path.of(suiteFile + "#resources"), inline.toString());
    }
    return loader.compile(texts, new ArrayList<>());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private CaseResult runCase(OfflineAdmission admission, Path dir, String suiteName, JsonNode defaults,
      JsonNode testCase, PolicySet set) {
    String name = testCase.path("name").asText("(unnamed)");
    try {
      Phase phase = Phase.valueOf(setting(testCase, defaults, "phase", "all").toUpperCase(Locale.ROOT));
      String operation = setting(testCase, defaults, "operation", "CREATE");
      ReviewBuilder builder = new ReviewBuilder()
          .operation(operation)
          .user(setting(testCase, defaults, "user", "sparkgate-test"), groups(testCase, defaults))
          .dryRun(testCase.path("dryRun").asBoolean(false))
          .subResource(testCase.path("subResource").asText(""));
      String namespace = setting(testCase, defaults, "namespace", null);
      if (namespace != null) {
        builder.namespace(namespace);
      }
      JsonNode oldObject = document(dir, testCase, "oldObject");
      if (oldObject != null) {
        builder.oldObject(oldObject);
      }
      JsonNode input = document(dir, testCase, "review");
      if (input == null) {
        input = document(dir, testCase, "object");
      }
      if (input == null && oldObject == null) {
        return new CaseResult(suiteName, name, List.of("the case names no review, object or oldObject"));
      }
      if (input == null || operation.equalsIgnoreCase("DELETE")) {
        input = NullNode.getInstance();
      }
      String now = setting(testCase, defaults, "now", null);
      JsonNode review = admission.respond(input, builder, set, phase, Explainer.NONE,
          now == null ? Instant.now() : OffsetDateTime.parse(now).toInstant());
      JsonNode original = ReviewBuilder.isReview(input) ? input.path("request").path("object") : input;
      return new CaseResult(suiteName, name,
          Expectations.check(testCase.path("expect"), review.path("response"), original));
    } catch (InvalidReviewException e) {
      return new CaseResult(suiteName, name, List.of("not a usable AdmissionReview: " + e.getMessage()));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      return new CaseResult(suiteName, name, List.of(e.getMessage()));
    }
  }

  private static String setting(JsonNode testCase, JsonNode defaults, String field, String fallback) {
    if (testCase.hasNonNull(field)) {
      return testCase.get(field).asText();
    }
    return defaults.hasNonNull(field) ? defaults.get(field).asText() : fallback;
  }

  private static List<String> groups(JsonNode testCase, JsonNode defaults) {
    JsonNode node = testCase.has("groups") ? testCase.get("groups") : defaults.path("groups");
    if (!node.isArray()) {
      return List.of("system:authenticated");
    }
    List<String> groups = new ArrayList<>();
    node.forEach(group -> groups.add(group.asText()));
    return groups;
  }

  /** An inline document under {@code field}, or one read from the file named by {@code fieldFile}. */
  private static JsonNode document(Path dir, JsonNode testCase, String field) throws IOException {
    if (testCase.hasNonNull(field) && testCase.get(field).isObject()) {
      return testCase.get(field);
    }
    String fileField = testCase.hasNonNull(field) && testCase.get(field).isTextual() ? field : field + "File";
    if (!testCase.hasNonNull(fileField)) {
      return null;
    }
    Path file = dir.resolve(testCase.get(fileField).asText());
    try {
      List<SourceDocument> documents = new YamlDocumentReader().read(file, Files.readString(file, StandardCharsets.UTF_8));
      if (documents.isEmpty()) {
        throw new IOException(file + " holds no document");
      }
      return documents.get(0).tree();
    } catch (YamlDocumentReader.UnreadableDocumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
