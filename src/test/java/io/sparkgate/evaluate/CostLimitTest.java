package io.sparkgate.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.OfflineAdmission;
import io.sparkgate.engine.Phase;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cost limits are counted, not timed: an expression or a binding stops at the same step with
 * the same Kubernetes text on every run and any machine, and work just under a limit passes.
 */
class CostLimitTest {
  /**
   * {@code lists.range(n)} costs n; each iteration 5 (reading {@code @result} twice and {@code i},
   * the loop condition, the comparison); the result 1: 6n + 1 in all.
   */
  private static String loop(int n) {
    return "lists.range(" + n + ").all(i, i >= 0)";
  }

  /** 999,997 units: the most a loop of this shape can cost under the limit of 1,000,000. */
  private static final String JUST_UNDER = loop(166_666);
  /** 1,000,003 units. */
  private static final String JUST_OVER = loop(166_667);

  /** Characters of the ConfigMap's {@code data.text}. */
  private static final int TEXT_LENGTH = 39_989;
  /**
   * A match costs the text's traversal (one unit per 10 characters, and one more character)
   * times a unit per 4 characters of pattern: 3,999 x 250 = 999,750, plus 3 for reading
   * {@code object.data.text}: 999,753 units in one quick step (the anchored pattern fails at once);
   * negated, 999,754.
   */
  private static final String COSTLY = "object.data.text.matches('^b" + "c".repeat(998) + "')";

  private static final String POLICY = """
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicy
      metadata: {name: costly}
      spec:
        failurePolicy: Fail
        matchConstraints:
          resourceRules:
          - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
      %s
      ---
      apiVersion: admissionregistration.k8s.io/v1
      kind: ValidatingAdmissionPolicyBinding
      metadata: {name: costly}
      spec: {policyName: costly, validationActions: [Deny]}
      """;

  private static final String CONFIG_MAP = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}, "
      + "\"data\": {\"text\": \"" + "a".repeat(TEXT_LENGTH) + "\"}}";

  private static JsonNode respond(String spec) throws Exception {
    List<LoadIssue> issues = new ArrayList<>();
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(Path.of("policy.yaml"), POLICY.formatted(spec.indent(2))), issues);
    assertThat(loaded.errors()).isEmpty();
    PolicySet set = loaded.policySet();
    OfflineAdmission admission = new OfflineAdmission();
    JsonNode object = admission.mapper().readTree(CONFIG_MAP);
    return admission.respond(object, new ReviewBuilder().namespace("default"), set, Phase.VALIDATE, Explainer.NONE)
        .path("response");
  }

  private static String validations(String... expressions) {
    StringBuilder yaml = new StringBuilder("validations:\n");
    for (String expression : expressions) {
      yaml.append("- expression: \"").append(expression).append("\"\n");
    }
    return yaml.toString();
  }

  private static String[] times(int count, String expression) {
    return Collections.nCopies(count, expression).toArray(String[]::new);
  }

  @Test
  void anExpressionJustUnderThePerExpressionLimitPasses() throws Exception {
    assertThat(respond(validations(JUST_UNDER)).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void anExpressionJustOverThePerExpressionLimitIsCancelledWithCelGosText() throws Exception {
    JsonNode response = respond(validations(JUST_OVER));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText()).isEqualTo(
        "ValidatingAdmissionPolicy 'costly' with binding 'costly' denied request: expression '" + JUST_OVER
            + "' resulted in error: operation cancelled: actual cost limit exceeded");
  }

  @Test
  void nestedLoopsOverABigListStopAtTheSameStepEveryRun() throws Exception {
    String nested = "lists.range(3000).all(i, lists.range(3000).all(j, i != j || j >= 0))";
    List<String> answers = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      JsonNode response = respond(validations(nested));
      answers.add(response.path("allowed") + " " + response.path("status"));
    }
    assertThat(answers.get(0)).startsWith("false ").contains("operation cancelled: actual cost limit exceeded");
    assertThat(answers).containsOnly(answers.get(0));
  }

  @Test
  void tenCostlyValidationsFitTheBindingsBudget() throws Exception {
    // 10 x 999,754 = 9,997,540: within 10,000,000
    assertThat(respond(validations(times(10, "!" + COSTLY))).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void theEleventhRunsTheBindingOutOfItsBudgetAndNoValidationIsReported() throws Exception {
    JsonNode response = respond(validations(times(11, "!" + COSTLY)));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText()).isEqualTo(
        "ValidatingAdmissionPolicy 'costly' with binding 'costly' denied request: "
            + "validation failed due to running out of cost budget, no further validation rules will be run");
  }

  @Test
  void aVariableIsChargedOnceToTheValidationThatReadsItFirst() throws Exception {
    // the variable costs 999,754 once; eleven validations read it (2 units each) and pass
    String spec = "variables:\n- name: ok\n  expression: \"!" + COSTLY + "\"\n"
        + validations(times(11, "variables.ok"));
    assertThat(respond(spec).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void matchConditionsHaveTheirOwnSmallerBudget() throws Exception {
    // 3 x 999,754 passes the 2,500,000 of matchConditions, which validations alone would not
    String spec = "matchConditions:\n"
        + "- {name: a, expression: \"!" + COSTLY + "\"}\n"
        + "- {name: b, expression: \"!" + COSTLY + "\"}\n"
        + "- {name: c, expression: \"!" + COSTLY + "\"}\n"
        + validations("true");
    JsonNode response = respond(spec);
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText()).endsWith(
        "denied request: validation failed due to running out of cost budget, no further validation rules will be run");
    String two = "matchConditions:\n"
        + "- {name: a, expression: \"!" + COSTLY + "\"}\n"
        + "- {name: b, expression: \"!" + COSTLY + "\"}\n"
        + validations("true");
    assertThat(respond(two).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void auditAnnotationsHaveABudgetOfTheirOwn() throws Exception {
    // the validations spend 9,997,540; the annotation runs from a fresh budget
    String spec = validations(times(10, "!" + COSTLY))
        + "auditAnnotations:\n- {key: cost, valueExpression: \"" + COSTLY + " ? '' : 'spent'\"}\n";
    JsonNode response = respond(spec);
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("auditAnnotations").toString()).contains("spent");
  }

  @Test
  void aFailedValidationsMessageExpressionRunsOnWhatTheValidationsLeft() throws Exception {
    // 10 validations leave 2,460 units; the failed one's messageExpression needs far more
    String spec = validations(times(10, "!" + COSTLY))
        + "- {expression: \"false\", messageExpression: \"" + COSTLY + " ? '' : 'costly message'\"}\n";
    JsonNode response = respond(spec);
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText()).contains(
        "failed messageExpression: validation failed due to running out of cost budget");
    String cheap = validations("true")
        + "- {expression: \"false\", messageExpression: \"" + COSTLY + " ? '' : 'costly message'\"}\n";
    assertThat(respond(cheap).path("status").path("message").asText()).endsWith("denied request: costly message");
  }
}
