package io.sparkgate.reliability;

import io.sparkgate.testing.Reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy files broken, half-written, huge or binary are written while requests flow: every reload
 * of them is rejected, the last good set keeps answering, and no request fails or changes answer.
 */
class ReloadUnderLoadTest {
  static final String UNRELATED_POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: configmap-names}
      spec:
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
        validations:
        - expression: object.metadata.name.size() < 60
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: configmap-names}
      spec: {policyName: configmap-names, validationActions: [Deny]}
      """;

  @Test
  void brokenPolicyFilesWrittenUnderLoadFailNoRequest(@TempDir Path dir) throws Exception {
    try (ReliabilityServer server = ReliabilityServer.start(dir, Reviews.REPLICAS_POLICY);
        LoadDriver driver = new LoadDriver(server.ca(), server.port(), 16, Duration.ofSeconds(10))) {
      String goodHash = server.server.policies().current().hash();
      driver.closedLoop(4, Duration.ofSeconds(1), "/validate", i -> Reviews.deployment("warm" + i, 1));
      CompletableFuture<LoadResult> load = CompletableFuture.supplyAsync(() -> {
        try {
          // even uids ask for 1 replica (allowed), odd ones for 9 (denied): the answers must never change
          return driver.closedLoop(8, Duration.ofSeconds(9), "/validate", i -> Reviews.deployment("r" + i, i % 2 == 0 ? 1 : 9))
              .expecting(answer -> answer.status() == 200 && answer.body().contains("\"kind\":\"AdmissionReview\"")
                  && answer.body().contains("\"allowed\":" + uidIsEven(answer.body())));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Path file = server.policies.resolve("incoming.yaml");
      int rejected = 0;
      rejected += rejectedReload(server, file, "a YAML syntax error", "apiVersion: [unclosed\nkind: {".getBytes(StandardCharsets.UTF_8));
      rejected += rejectedReload(server, file, "a CEL compile error", UNRELATED_POLICY.replace("size() < 60", "size( <")
          .getBytes(StandardCharsets.UTF_8));
      rejected += rejectedReload(server, file, "half of a policy", UNRELATED_POLICY.substring(0, UNRELATED_POLICY.length() / 2)
          .getBytes(StandardCharsets.UTF_8));
      byte[] binary = new byte[64 * 1024];
      new Random(7).nextBytes(binary);
      rejected += rejectedReload(server, file, "binary garbage", binary);
      rejected += rejectedReload(server, file, "9 MiB, over the file limit",
          (("# " + "x".repeat(78) + "\n").repeat(9 * 1024 * 1024 / 80) + UNRELATED_POLICY).getBytes(StandardCharsets.UTF_8));
      assertThat(server.server.policies().current().hash()).isEqualTo(goodHash);

      // a file written slowly: first seen half-written (rejected), then complete (accepted)
      double successesBefore = reloads(server, "success");
      double failuresBefore = reloads(server, "failure");
      try (OutputStream out = Files.newOutputStream(file)) {
        byte[] whole = UNRELATED_POLICY.getBytes(StandardCharsets.UTF_8);
        out.write(whole, 0, whole.length / 2);
        out.flush();
        Await.until("the half-written file is seen and rejected", Duration.ofSeconds(10),
            () -> reloads(server, "failure") > failuresBefore);
        out.write(whole, whole.length / 2, whole.length - whole.length / 2);
      }
      Await.until("the completed file is loaded", Duration.ofSeconds(10), () -> reloads(server, "success") > successesBefore);
      assertThat(server.server.policies().current().policyCount()).isEqualTo(2);

      LoadResult result = load.get();
      Figures.record("reload-under-load", rejected + 1 + " bad policy writes rejected, 1 completed write loaded, "
          + "requests meanwhile: " + result + ", unexpected answers " + result.unexpected().size());
      assertThat(result.unexpected()).isEmpty();
      assertThat(result.serverErrors() + result.failures()).isZero();
      assertThat(result.count()).isGreaterThan(100);
    }
  }

  private static boolean uidIsEven(String body) {
    java.util.regex.Matcher uid = java.util.regex.Pattern.compile("\"uid\":\"r(\\d+)\"").matcher(body);
    return uid.find() && Long.parseLong(uid.group(1)) % 2 == 0;
  }

  /** Writes {@code content} as a policy file, waits for the rejected reload, removes it again. */
  private static int rejectedReload(ReliabilityServer server, Path file, String what, byte[] content) throws Exception {
    double before = reloads(server, "failure");
    Files.write(file, content);
    Await.until("reload of " + what + " rejected", Duration.ofSeconds(10), () -> reloads(server, "failure") > before);
    Files.delete(file);
    return 1;
  }

  private static double reloads(ReliabilityServer server, String result) {
    Counter counter = server.server.registry().find("sparkgate.policy.reloads").tag("result", result).counter();
    return counter == null ? 0 : counter.count();
  }
}
