package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.audit.RunCost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCostOfTest {
  private static final String P = RunCostOf.POLICY + "/";

  private static AdmissionRequest request(String operation) throws Exception {
    String review = """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
          "uid": "u1", "kind": {"group": "sparkoperator.k8s.io", "version": "v1beta2", "kind": "SparkApplication"},
          "resource": {"group": "sparkoperator.k8s.io", "version": "v1beta2", "resource": "sparkapplications"},
          "operation": "%s", "namespace": "team-red", "userInfo": {"username": "alice"},
          "object": {"apiVersion": "sparkoperator.k8s.io/v1beta2", "kind": "SparkApplication", "metadata": {"name": "a"}},
          "oldObject": %s}}
        """.formatted(operation, operation.equals("UPDATE") ? "{\"kind\": \"SparkApplication\"}" : "null");
    return new AdmissionReviewDecoder(100).decode(new ObjectMapper().readTree(review));
  }

  private static AdmissionResponse response(boolean allowed, Map<String, String> annotations) {
    return new AdmissionResponse("u1", allowed, allowed ? 200 : 403, "", "", List.of(), annotations, null);
  }

  private static Map<String, String> annotations(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(P + keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void anAdmittedCreateCarriesWhatThePolicyPriced() throws Exception {
    RunCost cost = RunCostOf.admitted(request("CREATE"), response(true, annotations("team", "red",
        "cost-center", "cc-100", "currency", "USD", "per-run-micros", "7796719")));
    assertThat(cost).isEqualTo(new RunCost("red", "cc-100", "USD", 7_796_719L, null, null, null, null, null));
  }

  @Test
  void deniedRequestsUpdatesAndUnpricedRequestsCarryNoCost() throws Exception {
    Map<String, String> priced = annotations("currency", "USD", "per-run-micros", "1");
    assertThat(RunCostOf.admitted(request("CREATE"), response(false, priced))).isNull();
    assertThat(RunCostOf.admitted(request("UPDATE"), response(true, priced))).isNull();
    assertThat(RunCostOf.admitted(request("CREATE"), response(true, Map.of("other/currency", "USD")))).isNull();
  }

  @Test
  void anEstimateThatIsMissingOrDisagreesIsUnboundedNeverZero() throws Exception {
    RunCost failed = RunCostOf.admitted(request("CREATE"), response(true, annotations("team", "red", "currency", "USD")));
    assertThat(failed.bounded()).isFalse();
    assertThat(failed.unbounded()).contains("could not be estimated");
    RunCost twoTenants = RunCostOf.admitted(request("CREATE"),
        response(true, annotations("currency", "USD", "per-run-micros", "1000, 2000")));
    assertThat(twoTenants.bounded()).isFalse();
    assertThat(twoTenants.unbounded()).isEqualTo("the namespace's SparkTenants give different estimates: 1000, 2000");
    RunCost noBound = RunCostOf.admitted(request("CREATE"),
        response(true, annotations("currency", "USD", "unbounded", "no maxDuration")));
    assertThat(noBound.unbounded()).isEqualTo("no maxDuration");
  }
}
