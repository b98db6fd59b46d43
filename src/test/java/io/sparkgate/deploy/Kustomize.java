package io.sparkgate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization: with {@code kubectl kustomize} when a kubectl binary is found (the
 * {@code KUBECTL} environment variable, then the PATH), otherwise with a small fallback that only
 * reads {@code resources}, file/env {@code configMapGenerator}s, {@code labels} and {@code namespace}: no patches, no
 * replacements, no name hashes. {@link Rendered#complete()} tells which one ran.
 */
final class Kustomize {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "PriorityClass",
          "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

  record Rendered(Path dir, List<JsonNode> documents, boolean complete) {}

  private Kustomize() {}

  static Rendered render(Path dir) throws IOException, InterruptedException {
    Path kubectl = kubectl();
    if (kubectl == null) {
      return new Rendered(dir, fallback(dir), false);
    }
    Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
        .redirectErrorStream(false)
        .start();
    byte[] out;
    byte[] err;
    try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
      out = stdout.readAllBytes();
      err = stderr.readAllBytes();
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("kubectl kustomize " + dir + " did not finish in 120 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n"
          + new String(err, StandardCharsets.UTF_8));
    }
    return new Rendered(dir, readDocuments(new String(out, StandardCharsets.UTF_8)), true);
  }

  static Path kubectl() {
    String env = System.getenv("KUBECTL");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Path.of(env);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(entry, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static List<JsonNode> readDocuments(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var values = YAML.readValues(parser, JsonNode.class);
      while (values.hasNext()) {
        JsonNode node = values.next();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          documents.add(node);
        }
      }
    }
    return documents;
  }

  /** resources, configMapGenerator (files, envs), labels (metadata only) and namespace only. */
  static List<JsonNode> fallback(Path dir) throws IOException {
    JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = dir.resolve(resource.asText()).normalize();
      if (Files.isDirectory(path)) {
        documents.addAll(fallback(path));
      } else {
        documents.addAll(readDocuments(Files.readString(path)));
      }
    }
    for (JsonNode generator : kustomization.path("configMapGenerator")) {
      if (generator.path("options").path("annotations").has("config.kubernetes.io/local-config")) {
        continue;
      }
      ObjectNode configMap = YAML.createObjectNode();
      configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
      configMap.putObject("metadata").put("name", generator.path("name").asText());
      ObjectNode data = configMap.putObject("data");
      for (JsonNode file : generator.path("files")) {
        String spec = file.asText();
        int eq = spec.indexOf('=');
        String key = eq >= 0 ? spec.substring(0, eq) : Path.of(spec).getFileName().toString();
        Path source = dir.resolve(eq >= 0 ? spec.substring(eq + 1) : spec);
        data.put(key, Files.readString(source, StandardCharsets.UTF_8));
      }
      for (JsonNode env : generator.path("envs")) {
        for (String line : Files.readAllLines(dir.resolve(env.asText()), StandardCharsets.UTF_8)) {
          String trimmed = line.strip();
          if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            continue;
          }
          int eq = trimmed.indexOf('=');
          data.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
      }
      documents.add(configMap);
    }
    for (JsonNode labels : kustomization.path("labels")) {
      for (JsonNode document : documents) {
        JsonNode metadata = document.path("metadata");
        ObjectNode target = metadata.has("labels") ? (ObjectNode) metadata.get("labels")
            : ((ObjectNode) metadata).putObject("labels");
        labels.path("pairs").fields().forEachRemaining(e -> target.set(e.getKey(), e.getValue()));
      }
    }
    String namespace = kustomization.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      for (JsonNode document : documents) {
        if (!CLUSTER_SCOPED.contains(document.path("kind").asText())) {
          ((ObjectNode) document.path("metadata")).put("namespace", namespace);
        }
        for (JsonNode webhook : document.path("webhooks")) {
          JsonNode service = webhook.path("clientConfig").path("service");
          if (service instanceof ObjectNode s) {
            s.put("namespace", namespace);
          }
        }
      }
    }
    return documents;
  }

  static ArrayNode asArray(List<JsonNode> documents) {
    ArrayNode array = YAML.createArrayNode();
    documents.forEach(array::add);
    return array;
  }
}
