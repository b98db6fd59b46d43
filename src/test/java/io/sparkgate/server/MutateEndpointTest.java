package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonPatch;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** /mutate over real HTTPS: the patch in the response, decoded and applied, gives the mutated pod. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutateEndpointTest {
  static final String POLICY = """
      apiVersion: admissionregistration.k8s.io/v1beta1
      kind: MutatingAdmissionPolicy
      metadata: {name: executor-defaults}
      spec:
        reinvocationPolicy: IfNeeded
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}
        mutations:
        - patchType: JSONPatch
          jsonPatch:
            expression: >
              has(object.metadata.labels)
              ? [JSONPatch{op: "add", path: "/metadata/labels/" + jsonpatch.escapeKey("sparkgate.io/team"), value: "alpha"}]
              : [JSONPatch{op: "add", path: "/metadata/labels", value: {"sparkgate.io/team": "alpha"}}]
        - patchType: ApplyConfiguration
          applyConfiguration:
            expression: >
              Object{spec: Object.spec{containers: [Object.spec.containers{name: "main",
                env: [Object.spec.containers.env{name: "TEAM", value: "alpha"}]}]}}
      ---
      apiVersion: admissionregistration.k8s.io/v1beta1
      kind: MutatingAdmissionPolicyBinding
      metadata: {name: executor-defaults}
      spec: {policyName: executor-defaults}
      """;
  static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"exec","namespace":"team-alpha"},
       "spec":{"containers":[{"name":"main","image":"apache/spark:3.5.3"},{"name":"side","image":"busybox"}]}}""";

  @TempDir static Path dir;
  TestServer server;
  Vertx vertx;
  HttpClient client;
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void start() throws Exception {
    server = TestServer.start(dir, POLICY, 64 * 1024);
    vertx = Vertx.vertx();
    client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(Files.readAllBytes(server.certs.resolve("ca.crt"))))));
  }

  @AfterAll
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    server.close();
  }

  private JsonNode post(String path, String object) throws Exception {
    String review = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{
          "uid":"u-1","kind":{"group":"","version":"v1","kind":"Pod"},
          "resource":{"group":"","version":"v1","resource":"pods"},
          "name":"exec","namespace":"team-alpha","operation":"CREATE",
          "userInfo":{"username":"spark","groups":["system:authenticated"]},
          "object":%s,"dryRun":false}}""".formatted(object);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
        .setPort(server.server.port()).setURI(path).putHeader("Content-Type", "application/json");
    String body = client.request(options).compose(request -> request.send(Buffer.buffer(review)))
        .compose(response -> response.body()).map(Buffer::toString)
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    return json.readTree(body).path("response");
  }

  @Test
  void thePatchAppliedToThePodGivesTheMutatedPodAndIsIdempotent() throws Exception {
    JsonNode response = post("/mutate", POD);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch = json.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    JsonNode mutated = JsonPatch.apply(patch, json.readTree(POD));
    assertThat(mutated).isEqualTo(json.readTree("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"exec","namespace":"team-alpha",
          "labels":{"sparkgate.io/team":"alpha"}},
         "spec":{"containers":[{"name":"main","image":"apache/spark:3.5.3","env":[{"name":"TEAM","value":"alpha"}]},
                               {"name":"side","image":"busybox"}]}}"""));
    JsonNode again = post("/mutate", mutated.toString());
    assertThat(again.has("patch")).isFalse();
    assertThat(again.has("patchType")).isFalse();
  }

  @Test
  void theValidateEndpointNeverPatches() throws Exception {
    JsonNode response = post("/validate", POD);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
  }
}
