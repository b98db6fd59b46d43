package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.NullValue;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.CompiledExpression;
import io.sparkgate.policy.ExpressionCompiler;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.source.SourcePosition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Where CEL-Java alone answers differently from the API server, through the compiler every policy
 * expression takes. Each test names the upstream source or test it restates.
 */
class KubernetesSemanticsTest {

  private static final CelEnvironment ENVIRONMENT = CelEnvironment.standard();
  private static final ExpressionCompiler COMPILER =
      new ExpressionCompiler(ENVIRONMENT.cel(), ENVIRONMENT.literals());

  /** The compile errors of an expression, empty when it compiles. */
  private static List<String> compileErrors(String expression) {
    List<LoadIssue> issues = new ArrayList<>();
    COMPILER.compile(expression, ExpressionCompiler.Expect.ANY, null, SourcePosition.startOf(Path.of("x.yaml")), issues);
    return issues.stream().map(LoadIssue::message).toList();
  }

  private static Object eval(String expression) throws Exception {
    List<LoadIssue> issues = new ArrayList<>();
    CompiledExpression compiled =
        COMPILER.compile(expression, ExpressionCompiler.Expect.ANY, null, SourcePosition.startOf(Path.of("x.yaml")), issues);
    assertThat(issues).as("compile errors of %s", expression).isEmpty();
    Map<String, Object> input = new HashMap<>();
    input.put(CelEnvironment.PARAMS, NullValue.NULL_VALUE);
    input.put(CelEnvironment.OLD_OBJECT, NullValue.NULL_VALUE);
    input.put(CelEnvironment.OBJECT, Map.of("spec", Map.of("replicas", 2L)));
    input.put(CelEnvironment.AUTHORIZER, CelEnvironment.unsupportedAuthorizer());
    return compiled.program().eval(input);
  }

  @Test
  @DisplayName("has() on null is false: cel-go interpreter/attributes.go (a presence test on null), "
      + "k8s validating policy without paramKind reads params as null")
  void hasOnNullIsFalse() throws Exception {
    assertThat(eval("has(params.x)")).isEqualTo(false);
    assertThat(eval("has(oldObject.metadata)")).isEqualTo(false);
    assertThat(eval("has(object.spec) && !has(object.status)")).isEqualTo(true);
    assertThat(eval("params == null || has(params.spec.limits)")).isEqualTo(true);
  }

  @Test
  @DisplayName("mixed-type list and map literals are compile errors: cel.HomogeneousAggregateLiterals in "
      + "apiserver/pkg/cel/environment/base.go; format's argument list is exempt (cel-go ext/formatting.go)")
  void mixedLiteralsAreCompileErrors() throws Exception {
    assertThat(compileErrors("[1, 'a'].size() == 2")).containsExactly("expected type 'int' but found 'string'");
    assertThat(compileErrors("[1, 2.0].size() == 2")).containsExactly("expected type 'int' but found 'double'");
    assertThat(compileErrors("{'a': 1, 'b': 'x'}.size() == 2")).containsExactly("expected type 'int' but found 'string'");
    assertThat(compileErrors("[object.spec, 'a'].size() == 2")).isEmpty();
    assertThat(eval("'%s is %d'.format(['a', 1])")).isEqualTo("a is 1");
  }

  @Test
  @DisplayName("sum, min, max and isSorted on element types Kubernetes does not declare are compile errors: "
      + "apiserver/pkg/cel/library/lists.go (summableTypes, comparableTypes)")
  void listFunctionsOnUnsupportedElementTypesAreCompileErrors() throws Exception {
    assertThat(compileErrors("['a', 'b'].sum() == 'ab'"))
        .containsExactly("found no matching overload for 'sum' applied to 'list(string).()'");
    assertThat(compileErrors("[true].sum() == true"))
        .containsExactly("found no matching overload for 'sum' applied to 'list(bool).()'");
    assertThat(compileErrors("[[1]].max() == [1]"))
        .containsExactly("found no matching overload for 'max' applied to 'list(list(int)).()'");
    assertThat(compileErrors("[{'a': 1}].min() == {'a': 1}"))
        .containsExactly("found no matching overload for 'min' applied to 'list(map(string, int)).()'");
    assertThat(eval("['b', 'a'].min()")).isEqualTo("a");
    assertThat(eval("[true, false].max()")).isEqualTo(true);
    assertThat(compileErrors("object.spec.items.sum() == 1")).isEmpty();
  }

  @Test
  @DisplayName("sum() of an empty typed list is the zero of its element type: apiserver/pkg/cel/library/lists.go "
      + "(one sum overload per summable type), lists_test.go TestLists")
  void sumOfAnEmptyTypedListIsTheZeroOfItsType() throws Exception {
    assertThat(eval("[1.5].filter(x, false).sum()")).isEqualTo(0.0);
    assertThat(eval("[duration('1s')].filter(x, false).sum()")).isEqualTo(Duration.ZERO);
    assertThat(eval("type([2u].filter(x, false).sum()) == uint")).isEqualTo(true);
    assertThat(eval("[1].filter(x, false).sum()")).isEqualTo(0L);
    assertThat(eval("[1.5, 2.5].sum()")).isEqualTo(4.0);
  }

  @Test
  @DisplayName("format with more arguments than clauses is a compile error: cel-go ext/formatting.go "
      + "stringFormatValidator, formatting_test.go 'compile-time cardinality check (too many for string)'")
  void formatWithTooManyArgumentsIsACompileError() throws Exception {
    assertThat(compileErrors("'%s %s'.format(['abc', 'def', 'ghi']) == ''"))
        .containsExactly("too many arguments supplied to string.format (expected 2, got 3)");
    assertThat(compileErrors("'100%% %s'.format(['a', 'b']) == ''"))
        .containsExactly("too many arguments supplied to string.format (expected 1, got 2)");
    assertThat(eval("'100%% %s'.format(['a'])")).isEqualTo("100% a");
  }

  @Test
  @DisplayName("%e: cel-go ext/formatting.go Scientific passes the precision to Go's printer as a width "
      + "(\"%%%de\"), so the digits stay 6 and the number is padded")
  void scientificPrecisionIsAWidth() throws Exception {
    assertThat(eval("'%e'.format([1052.032911275])")).isEqualTo("1.052033\u202f\u00d7\u202f10\u2070\u00b3");
    assertThat(eval("'%.2e'.format([1052.032911275])")).isEqualTo("1.052033\u202f\u00d7\u202f10\u2070\u00b3");
    assertThat(eval("'%.20e'.format([1052.032911275])")).isEqualTo("     1.052033\u202f\u00d7\u202f10\u2070\u00b3");
  }

  @Test
  @DisplayName("double(string) reads Go's float syntax: cel-go common/types/string.go ConvertToType "
      + "(strconv.ParseFloat), formatting_test.go uses double(\"Inf\")")
  void doubleOfAStringReadsGoSyntax() throws Exception {
    assertThat(eval("double('Inf')")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(eval("double('-inf')")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(eval("double('+Infinity')")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(eval("math.isNaN(double('NaN'))")).isEqualTo(true);
    assertThat(eval("double('1e3')")).isEqualTo(1000.0);
    assertThat(eval("double('0x1p-2')")).isEqualTo(0.25);
    for (String text : List.of("1.5d", " 1", "1e400", "0x15", "", "1_000")) {
      assertThat(catchThrowable(() -> eval("double('" + text + "')")))
          .as("double('%s')", text)
          .hasMessageEndingWith("type conversion error from 'string' to 'double'");
    }
  }

  @Test
  @DisplayName("duration.getMilliseconds() is the whole duration in milliseconds: cel-go "
      + "common/types/duration.go durationZeroArgOverloads (time.Duration.Milliseconds)")
  void durationMillisecondsAreTheWholeDuration() throws Exception {
    assertThat(eval("duration('61.5s').getMilliseconds()")).isEqualTo(61_500L);
    assertThat(eval("duration('-1.5s').getMilliseconds()")).isEqualTo(-1_500L);
    assertThat(eval("duration('1h').getSeconds()")).isEqualTo(3_600L);
  }

  @Test
  @DisplayName("sortBy is typed list(T) and its keys may differ in type from the elements: cel-go ext/lists.go "
      + "sortByMacro (@sortByAssociatedKeys over the mapped keys), lists_test.go")
  void sortByKeepsTheElementType() throws Exception {
    assertThat(eval("[3, 1, 2].sortBy(e, -e)[0] + 1")).isEqualTo(4L);
    assertThat(eval("['bb', 'a', 'ccc'].sortBy(e, size(e))")).isEqualTo(List.of("a", "bb", "ccc"));
    assertThat(eval("[{'n': 2}, {'n': 1}].sortBy(m, m.n)[0].n")).isEqualTo(1L);
    assertThat(compileErrors("[3, 1].sortBy(e, -e).sum() == 4")).isEmpty();
  }

  @Test
  @DisplayName("optional.ofNonZeroValue: the zero timestamp is Go's zero time, not the epoch: cel-go "
      + "common/types/timestamp.go IsZeroValue (time.Time.IsZero)")
  void theZeroTimestampIsGosZeroTime() throws Exception {
    assertThat(eval("optional.ofNonZeroValue(timestamp(0)).hasValue()")).isEqualTo(true);
    assertThat(eval("optional.ofNonZeroValue(timestamp('0001-01-01T00:00:00Z')).hasValue()")).isEqualTo(false);
    assertThat(eval("optional.ofNonZeroValue(duration('0s')).hasValue()")).isEqualTo(false);
    assertThat(eval("optional.ofNonZeroValue('').hasValue() || optional.ofNonZeroValue(0).hasValue()"
        + " || optional.ofNonZeroValue([]).hasValue()")).isEqualTo(false);
    assertThat(eval("optional.ofNonZeroValue('x').value()")).isEqualTo("x");
  }

  @Test
  @DisplayName("type names: google.protobuf.Timestamp and Duration (cel-go well-known types), net.IP and "
      + "net.CIDR (apiserver/pkg/cel/library ip.go and cidr.go Types())")
  void typeNamesCompare() throws Exception {
    assertThat(eval("type(timestamp(0)) == google.protobuf.Timestamp")).isEqualTo(true);
    assertThat(eval("type(duration('1s')) == google.protobuf.Duration")).isEqualTo(true);
    assertThat(eval("type(ip('10.0.0.1')) == net.IP")).isEqualTo(true);
    assertThat(eval("type(cidr('10.0.0.0/8')) == net.CIDR")).isEqualTo(true);
    assertThat(eval("type(quantity('1')) == kubernetes.Quantity")).isEqualTo(true);
    assertThat(eval("type('10.0.0.1') == net.IP")).isEqualTo(false);
  }

  @Test
  @DisplayName("includes (lists library version 1, the newest release): apiserver/pkg/cel/library/lists.go includes")
  void includesTestsListsAndValues() throws Exception {
    assertThat(eval("[1, 2, 3].includes(2)")).isEqualTo(true);
    assertThat(eval("[1, 2, 3].includes(4)")).isEqualTo(false);
    assertThat(eval("'model-a'.includes('model-a')")).isEqualTo(true);
    assertThat(eval("'model-a'.includes('model-b')")).isEqualTo(false);
  }

  @Test
  @DisplayName("quantity sign is a global function only: apiserver/pkg/cel/library/quantity.go declares "
      + "cel.Overload(\"quantity_sign\"), not a member overload")
  void quantitySignIsGlobal() throws Exception {
    assertThat(eval("sign(quantity('-1'))")).isEqualTo(-1L);
    assertThat(compileErrors("quantity('-1').sign() == -1"))
        .containsExactly("found no matching overload for 'sign' applied to 'kubernetes.Quantity.()'");
  }
}
