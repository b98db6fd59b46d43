package io.sparkgate.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import io.sparkgate.testing.Reviews;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One request's context: its CEL values are built once and shared by every binding's activation. */
class EvaluationContextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PolicySet policySet() {
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(Path.of("replicas.yaml"), Reviews.REPLICAS_POLICY), new ArrayList<>());
    assertThat(loaded.hasErrors()).isFalse();
    return loaded.policySet();
  }

  private static AdmissionRequest deployment(int replicas) throws Exception {
    return new AdmissionReviewDecoder(100).decode(Reviews.deployment("uid-1", replicas));
  }

  private static Object variable(EvaluationContext context, String name) {
    return new Activation(context, null, List.of()).find(name).orElseThrow();
  }

  @Test
  void everyBindingOfTheRequestReadsTheSameObjectValue() throws Exception {
    EvaluationContext context = EvaluationContext.of(deployment(3), policySet()).build();
    for (String name : List.of(CelEnvironment.OBJECT, CelEnvironment.OLD_OBJECT, CelEnvironment.REQUEST,
        CelEnvironment.NAMESPACE_OBJECT)) {
      assertThat(variable(context, name)).as(name).isSameAs(variable(context, name));
    }
    assertThat(((Map<?, ?>) variable(context, CelEnvironment.OBJECT)).containsKey("spec")).isTrue();
  }

  @Test
  void aMutatedObjectIsANewValueAndTheRestOfTheRequestIsShared() throws Exception {
    EvaluationContext received = EvaluationContext.of(deployment(3), policySet()).build();
    JsonNode mutated = JSON.readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":9}}");
    EvaluationContext after = received.withObject(mutated);

    assertThat(((Map<?, ?>) variable(after, CelEnvironment.OBJECT)).get("spec")).isEqualTo(Map.of("replicas", 9L));
    assertThat(variable(after, CelEnvironment.OBJECT)).isNotSameAs(variable(received, CelEnvironment.OBJECT));
    assertThat(variable(after, CelEnvironment.REQUEST)).isSameAs(variable(received, CelEnvironment.REQUEST));
    assertThat(variable(after, CelEnvironment.NAMESPACE_OBJECT))
        .isSameAs(variable(received, CelEnvironment.NAMESPACE_OBJECT));
    assertThat(after.deadline()).isSameAs(received.deadline());
    assertThat(after.now()).isEqualTo(received.now());
  }

  @Test
  void theSameObjectKeepsTheContext() throws Exception {
    AdmissionRequest request = deployment(3);
    EvaluationContext context = EvaluationContext.of(request, policySet()).now(Instant.EPOCH).build();
    assertThat(context.withObject(request.object())).isSameAs(context);
    assertThat(context.now()).isEqualTo(Instant.EPOCH);
  }
}
