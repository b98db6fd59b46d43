package io.sparkgate.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.policy.CompiledExpression;
import io.sparkgate.policy.ExpressionCompiler;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.policy.source.SourcePosition;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code spark.app(object)} is built once per request, whichever bindings ask for it, and never
 * shared with another request or with the object a mutation made.
 */
class RequestDerivedValuesTest {
  private static final CelEnvironment ENVIRONMENT = CelEnvironment.standard();

  private static CompiledExpression compile(String source) {
    List<LoadIssue> issues = new ArrayList<>();
    CompiledExpression compiled = new ExpressionCompiler(ENVIRONMENT.cel(), ENVIRONMENT.literals())
        .compile(source, ExpressionCompiler.Expect.ANY, null, SourcePosition.startOf(Path.of("x.yaml")), issues);
    assertThat(issues).isEmpty();
    return compiled;
  }

  private static AdmissionRequest application() throws Exception {
    Path file = Path.of("test-fixtures/spark/app-scala.yaml");
    JsonNode object = new YamlDocumentReader().read(file, Files.readString(file)).get(0).tree();
    return new AdmissionReviewDecoder(100).decode(new ReviewBuilder().namespace("team-alpha").build(object));
  }

  /** The value of {@code spark.app(object)} as one binding of the request sees it. */
  private static Object sparkApp(EvaluationContext context) {
    ExpressionResult result = ExpressionRunner.run(compile("spark.app(object)"), new Activation(context, null, List.of()));
    assertThat(result.failed()).as(String.valueOf(result.error())).isFalse();
    return result.value();
  }

  @Test
  void everyBindingOfARequestGetsTheSameApplicationView() throws Exception {
    EvaluationContext context = EvaluationContext.of(application(), PolicySet.empty()).build();
    Object first = sparkApp(context);
    assertThat(((Map<?, ?>) first).get("operator")).isEqualTo("kubeflow");
    assertThat(sparkApp(context)).isSameAs(first);
  }

  @Test
  void anotherRequestAndAMutatedObjectGetTheirOwnView() throws Exception {
    AdmissionRequest request = application();
    EvaluationContext context = EvaluationContext.of(request, PolicySet.empty()).build();
    Object view = sparkApp(context);
    EvaluationContext another = EvaluationContext.of(application(), PolicySet.empty()).build();
    assertThat(sparkApp(another)).isNotSameAs(view).isEqualTo(view);
    EvaluationContext mutated = context.withObject(request.object().deepCopy());
    assertThat(sparkApp(mutated)).isNotSameAs(view).isEqualTo(view);
  }

  @Test
  void anObjectThatIsNotAnApplicationFailsOnEveryCall() throws Exception {
    AdmissionRequest request = application();
    EvaluationContext context = EvaluationContext.of(
        request.withObject(((ObjectNode) request.object().deepCopy()).put("kind", "Deployment")), PolicySet.empty()).build();
    for (int call = 0; call < 2; call++) {
      ExpressionResult result =
          ExpressionRunner.run(compile("spark.app(object)"), new Activation(context, null, List.of()));
      assertThat(result.error()).startsWith("spark.app: ");
    }
  }

  /** The value of {@code expression} as one binding of the request sees it. */
  private static ExpressionResult run(EvaluationContext context, String expression) {
    return ExpressionRunner.run(compile(expression), new Activation(context, null, List.of()));
  }

  private static final String COST_AT_DEFAULT_RATES =
      "spark.cost(object, {'currency': 'USD', 'cpuCoreHour': '0.05', 'memoryGiBHour': '0.01'}, 3600)";

  @Test
  void everyBindingThatPricesTheRequestAlikeGetsTheSameEstimate() throws Exception {
    EvaluationContext context = EvaluationContext.of(application(), PolicySet.empty()).build();
    ExpressionResult first = run(context, COST_AT_DEFAULT_RATES);
    assertThat(first.failed()).as(String.valueOf(first.error())).isFalse();
    assertThat(run(context, COST_AT_DEFAULT_RATES).value()).isSameAs(first.value());

    // another rate card or duration is another estimate, and so is another request
    Object dearer = run(context, COST_AT_DEFAULT_RATES.replace("'0.05'", "'0.10'")).value();
    Object longer = run(context, COST_AT_DEFAULT_RATES.replace("3600)", "7200)")).value();
    assertThat(((Map<?, ?>) dearer).get("micros")).isNotEqualTo(((Map<?, ?>) first.value()).get("micros"));
    assertThat(((Map<?, ?>) longer).get("micros")).isNotEqualTo(((Map<?, ?>) first.value()).get("micros"));
    EvaluationContext another = EvaluationContext.of(application(), PolicySet.empty()).build();
    assertThat(run(another, COST_AT_DEFAULT_RATES).value()).isNotSameAs(first.value()).isEqualTo(first.value());
  }

  @Test
  void anEstimateThatFailsFailsInEveryBindingThatAsks() throws Exception {
    EvaluationContext context = EvaluationContext.of(application(), PolicySet.empty()).build();
    for (int call = 0; call < 2; call++) {
      ExpressionResult result = run(context, COST_AT_DEFAULT_RATES.replace("3600)", "-1)"));
      assertThat(result.error()).startsWith("spark.cost: ").contains("negative");
    }
  }
}
