package io.sparkgate.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.audit.Endpoint;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reviews replayed at start: what a Spark job sends, in a namespace whose tenant the set holds. */
class WarmupReviewsTest {
  private static final String TENANT = """
      ---
      apiVersion: sparkgate.io/v1
      kind: SparkTenant
      metadata: {name: tenant, namespace: %s}
      spec: {team: %s, costCenter: cc-1}
      """;

  @TempDir Path dir;

  @Test
  void everyBundledObjectIsSentAsCreateAndUpdateToBothEndpointsAndDecodes() throws Exception {
    List<WarmupRequest> requests = WarmupReviews.forSet(PolicySet.empty());
    AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(100);
    List<String> seen = new ArrayList<>();
    for (WarmupRequest request : requests) {
      AdmissionRequest decoded = decoder.decode(request.body());
      assertThat(decoded.namespace()).isEqualTo("default");
      if (decoded.operation().equals("UPDATE")) {
        assertThat(decoded.oldObject()).isNotNull();
        assertThat(decoded.object()).isNotEqualTo(decoded.oldObject());
      }
      seen.add(request.endpoint() + " " + decoded.operation() + " " + decoded.kind().group() + "/" + decoded.kind().kind());
    }
    assertThat(seen).contains(
        "VALIDATE CREATE /Pod", "MUTATE CREATE /Pod", "VALIDATE UPDATE /Pod", "MUTATE UPDATE /Pod",
        "VALIDATE CREATE sparkoperator.k8s.io/SparkApplication", "MUTATE UPDATE sparkoperator.k8s.io/SparkApplication",
        "VALIDATE CREATE sparkoperator.k8s.io/ScheduledSparkApplication",
        "VALIDATE CREATE spark.apache.org/SparkApplication");
    assertThat(requests).extracting(WarmupRequest::path).containsOnly("/validate", "/mutate");
    assertThat(requests.stream().filter(r -> r.endpoint() == Endpoint.MUTATE)).hasSize(requests.size() / 2);
  }

  @Test
  void theNamespaceIsTheFirstWellFormedTenantsNamespace() throws Exception {
    String broken = """
        ---
        apiVersion: sparkgate.io/v1
        kind: SparkTenant
        metadata: {name: tenant, namespace: aaa-broken}
        spec: {team: broken, limits: {driver: {maxMemory: lots}}}
        """;
    PolicySet set = load(TENANT.formatted("team-zeta", "zeta") + broken + TENANT.formatted("team-beta", "beta"));

    assertThat(WarmupReviews.namespaceFor(set)).isEqualTo("team-beta");
    assertThat(WarmupReviews.forSet(set)).allSatisfy(request ->
        assertThat(new AdmissionReviewDecoder(100).decode(request.body()).namespace()).isEqualTo("team-beta"));
  }

  @Test
  void withoutATenantTheNamespaceIsDefault() throws Exception {
    assertThat(WarmupReviews.namespaceFor(load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: a}\n")))
        .isEqualTo("default");
  }

  private PolicySet load(String yaml) throws Exception {
    Files.writeString(dir.resolve("params.yaml"), yaml);
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).load(dir);
    assertThat(result.errors()).isEmpty();
    return result.policySet();
  }
}
