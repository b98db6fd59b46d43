package io.sparkgate.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Evaluates every Spark application found under a directory, as {@code eval --phase all} would,
 * in one namespace, and prints how many were allowed or denied and a table of the reasons.
 * {@code java -cp target/test-classes:target/sparkgate.jar io.sparkgate.tools.CorpusReport POLICIES DIR NAMESPACE}
 */
public final class CorpusReport {
  private static final Pattern DENIAL = Pattern.compile(
      "ValidatingAdmissionPolicy '([^']+)' with binding '[^']+' denied request: (.*?)(?=; ValidatingAdmissionPolicy '|$)");

  public static void main(String[] args) throws Exception {
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard()).load(Path.of(args[0]));
    if (loaded.hasErrors()) {
      throw new IllegalStateException(loaded.errors().toString());
    }
    PolicySet set = loaded.policySet();
    OfflineAdmission admission = new OfflineAdmission();
    Map<String, Integer> reasons = new TreeMap<>();
    int allowed = 0;
    int denied = 0;
    try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).sorted().toList()) {
        List<SourceDocument> documents;
        try {
          documents = new YamlDocumentReader().read(file, Files.readString(file));
        } catch (YamlDocumentReader.UnreadableDocumentException e) {
          continue;
        }
        for (SourceDocument document : documents) {
          JsonNode object = document.tree();
          String kind = object.path("kind").asText();
          if (!kind.equals("SparkApplication") && !kind.equals("ScheduledSparkApplication")) {
            continue;
          }
          JsonNode response = admission.respond(object, new ReviewBuilder().namespace(args[2]), set, Phase.ALL,
              Explainer.NONE).path("response");
          String name = file.getFileName() + " " + object.path("metadata").path("name").asText();
          if (response.path("allowed").asBoolean()) {
            allowed++;
            System.out.println("ALLOWED " + name);
            continue;
          }
          denied++;
          String message = response.path("status").path("message").asText();
          System.out.println("DENIED  " + name);
          Matcher matcher = DENIAL.matcher(message);
          while (matcher.find()) {
            String reason = matcher.group(1).replace("sparkgate.io.", "") + ": " + generalise(matcher.group(2));
            reasons.merge(reason, 1, Integer::sum);
          }
        }
      }
    }
    System.out.printf("%n%d applications: %d allowed, %d denied%n%n| reason | applications |%n|---|---|%n",
        allowed + denied, allowed, denied);
    reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(entry -> System.out.printf("| %s | %d |%n", entry.getKey(), entry.getValue()));
  }

  /** Drops names, numbers and values so that one rule's denials count together. */
  private static String generalise(String message) {
    return message
        .replaceAll("\"[^\"]*\"", "\"…\"")
        .replaceAll("image \\S+( is| has)", "image …$1")
        .replaceAll("\\b\\d+\\b", "N")
        .replaceAll("\\(s3a[^)]*\\): .*", "(…): …")
        .replaceAll("outside the tenant's locations \\(.*", "outside the tenant's storage prefixes");
  }
}
