package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.images.ImageScan;
import io.sparkgate.policy.source.ScalarLocation;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.SourcePosition;
import io.sparkgate.policy.source.YamlDocumentReader;
import io.sparkgate.spark.SparkPolicyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents of a policy directory: files read within their size limit, YAML parsed with the
 * position of every scalar that an issue may name, {@code List}s flattened into their items, and
 * the hash that identifies a set of texts.
 */
final class PolicyDocuments {
  /** The documents in file order, and where to report a problem of the whole set. */
  record Read(List<SourceDocument> documents, SourcePosition firstPosition) {}

  private final YamlDocumentReader reader = new YamlDocumentReader();
  private final ParamChecks paramChecks;
  private RepeatedLoads repeated;

  PolicyDocuments(ParamChecks paramChecks) {
    this.paramChecks = paramChecks;
  }

  /** The text of every policy file below {@code root}, in the order {@link PolicyFiles} lists them. */
  static Map<Path, String> readTexts(Path root, List<LoadIssue> issues) {
    List<Path> files;
    try {
      files = PolicyFiles.list(root);
    } catch (IOException e) {
      issues.add(new LoadIssue(Severity.ERROR, SourcePosition.startOf(root), e.getMessage()));
      return Map.of();
    }
    Map<Path, String> texts = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        long size = Files.size(file);
        if (size > YamlDocumentReader.MAX_FILE_CHARS) {
          issues.add(new LoadIssue(Severity.ERROR, SourcePosition.startOf(file),
              "file is " + size + " bytes, over the limit of " + YamlDocumentReader.MAX_FILE_CHARS));
          continue;
        }
        texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        issues.add(new LoadIssue(Severity.ERROR, SourcePosition.startOf(file), "cannot read file: " + e));
      }
    }
    return texts;
  }

  /** Documents given as text, keyed by the path they are reported under. */
  Read parse(Map<Path, String> texts, List<LoadIssue> issues) {
    List<SourceDocument> documents = new ArrayList<>();
    for (Map.Entry<Path, String> entry : texts.entrySet()) {
      try {
        if (repeated == null) {
          documents.addAll(read(entry.getKey(), entry.getValue()));
        } else {
          documents.addAll(repeated.documents(entry.getKey(), entry.getValue(), this::read));
        }
      } catch (YamlDocumentReader.UnreadableDocumentException e) {
        issues.add(new LoadIssue(Severity.ERROR, e.issue().position(), e.issue().message()));
      }
    }
    SourcePosition first = SourcePosition.startOf(texts.isEmpty() ? Path.of(".") : texts.keySet().iterator().next());
    return new Read(documents, first);
  }

  private List<SourceDocument> read(Path file, String text) throws YamlDocumentReader.UnreadableDocumentException {
    List<SourceDocument> documents = new ArrayList<>();
    for (SourceDocument document : reader.read(file, text, this::trimmed)) {
      flatten(document, documents);
    }
    return documents;
  }

  /** Keeps the documents of every file read, for loads of the same files again. */
  void remember(RepeatedLoads loads) {
    this.repeated = loads;
  }

  /**
   * Parameter objects (thousands of SparkTenants in one file) keep only the locations an issue
   * about them can name; the location of every scalar is needed for policies alone.
   */
  private SourceDocument trimmed(SourceDocument document) {
    JsonNode tree = document.tree();
    String apiVersion = tree.path("apiVersion").asText("");
    if (apiVersion.startsWith(PolicySetLoader.ADMISSION_GROUP) || "List".equals(tree.path("kind").asText())
        || ImageScan.isImageScan(tree)) {
      return document;
    }
    List<String> kept = new ArrayList<>(List.of("", "/metadata", "/metadata/name"));
    for (ParamChecks.Problem problem : paramChecks.problems(tree)) {
      kept.add(problem.pointer());
    }
    if (SparkPolicyException.isException(tree)) {
      kept.addAll(ExceptionChecks.pointers(tree));
    }
    return document.withLocationsOf(kept);
  }

  private static void flatten(SourceDocument document, List<SourceDocument> out) {
    JsonNode tree = document.tree();
    if ("List".equals(tree.path("kind").asText()) && tree.path("items").isArray()) {
      Map<Integer, Map<String, ScalarLocation>> byItem = locationsByItem(document.locations());
      int index = 0;
      for (JsonNode item : tree.get("items")) {
        out.add(new SourceDocument(document.file(), item, byItem.getOrDefault(index++, Map.of())));
      }
      return;
    }
    out.add(document);
  }

  /**
   * The locations under {@code /items/N}, re-rooted at each item, in one pass: a List of ten
   * thousand records must not cost ten thousand passes over all its locations.
   */
  private static Map<Integer, Map<String, ScalarLocation>> locationsByItem(Map<String, ScalarLocation> locations) {
    String prefix = "/items/";
    Map<Integer, Map<String, ScalarLocation>> byItem = new HashMap<>();
    locations.forEach((pointer, location) -> {
      if (!pointer.startsWith(prefix)) {
        return;
      }
      int end = pointer.indexOf('/', prefix.length());
      String number = end < 0 ? pointer.substring(prefix.length()) : pointer.substring(prefix.length(), end);
      int index;
      try {
        index = Integer.parseInt(number);
      } catch (NumberFormatException e) {
        return;
      }
      byItem.computeIfAbsent(index, i -> new HashMap<>()).put(end < 0 ? "" : pointer.substring(end), location);
    });
    return byItem;
  }

  /** Identifies a set of files by their paths and texts, whatever order they were read in. */
  static String hash(Map<Path, String> texts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      texts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
        digest.update(entry.getKey().toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(entry.getValue().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
