package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which Kubernetes CEL functions CEL-Java 0.14.0's extensions already provide (so the Kubernetes
 * library must not declare them again), and which they do not (so it must).
 */
class CelJavaExtensionsCoverageTest {

  private final KubeCel extensionsOnly = KubeCel.extensionsOnly();

  @ParameterizedTest
  @ValueSource(
      strings = {
        // strings v2 (1.30)
        "'abc'.charAt(1) == 'b'",
        "'abc'.indexOf('c') == 2",
        "'abcc'.lastIndexOf('c') == 3",
        "'ABC'.lowerAscii() == 'abc'",
        "'abc'.upperAscii() == 'ABC'",
        "'aXb'.replace('X', 'y') == 'ayb'",
        "'a,b'.split(',') == ['a', 'b']",
        "['a', 'b'].join('-') == 'a-b'",
        "'abc'.substring(1) == 'bc'",
        "' a '.trim() == 'a'",
        "strings.quote('a\"b') == '\"a\\\\\"b\"'",
        "'abc'.reverse() == 'cba'",
        // sets (1.30)
        "sets.contains([1, 2], [1])",
        "sets.equivalent([1, 2], [2, 1])",
        "sets.intersects([1], [1, 3])",
        // two-variable comprehensions (1.33)
        "{'a': 1}.all(k, v, v > 0)",
        "[1, 2].exists(i, v, v == 2)",
        "[1, 2].existsOne(i, v, v == 1)",
        "[1].transformList(i, v, v * 2) == [2]",
        "{'a': 1}.transformMap(k, v, v + 1) == {'a': 2}",
        "{'a': 1}.transformMapEntry(k, v, {v: k}) == {1: 'a'}",
        // lists (1.35)
        "[1, 2, 3].slice(1, 2) == [2]",
        "[1, [2]].flatten() == [1, 2]",
        "[1, 1].distinct() == [1]",
        "[1, 2].reverse() == [2, 1]",
        "[3, 1].sort() == [1, 3]",
        // CEL-Java 0.14.0 types sortBy()'s result as list(list(T)); its value is right.
        "dyn([1, 2].sortBy(e, -e)) == [2, 1]",
        "lists.range(3) == [0, 1, 2]",
        // optionals (1.29), regex, math, encoders, bindings
        "optional.of(1).orValue(2) == 1",
        "regex.extract('abc', 'b') == optional.of('b')",
        "math.greatest(1, 2) == 2",
        "base64.encode(b'a') == 'YQ=='",
        "cel.bind(a, 1, a + 1) == 2",
      })
  void alreadyProvidedByCelJava(String expression) {
    assertThat(extensionsOnly.eval(expression)).isEqualTo(true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'%s'.format(['a'])",
        "'abc'.find('b')",
        "'abc'.findAll('b')",
        "[1, 2].isSorted()",
        "[1, 2].sum()",
        "[1, 2].min()",
        "[1, 2].max()",
        "[1, 2].indexOf(2)",
        "[1, 2].lastIndexOf(2)",
        "quantity('1')",
        "url('https://x')",
        "ip('1.2.3.4')",
        "cidr('10.0.0.0/8')",
        "format.dns1123Label()",
        "semver('1.2.3')",
      })
  void missingFromCelJavaAndAddedByTheKubernetesLibrary(String expression) {
    assertThat(extensionsOnly.compiles(expression)).isFalse();
    assertThat(KubeCel.withLibrary().compiles(expression)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void functionNamesListsEveryDeclaredFunctionOnce() {
    List<String> names = KubernetesCelLibrary.functionNames();
    assertThat(names).doesNotHaveDuplicates().contains("quantity", "isSorted", "format.named", "ip");
    assertThat(names).doesNotContain("charAt", "split", "join", "slice", "sort");
  }
}
