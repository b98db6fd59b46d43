package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListFunctionsTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[1, 2, 3].isSorted()                                  | true",
        "[1, 3, 2].isSorted()                                  | false",
        "[].isSorted()                                         | true",
        "['a', 'b', 'b'].isSorted()                            | true",
        "['b', 'a'].isSorted()                                 | false",
        "[1.0, 2.5].isSorted()                                 | true",
        "[false, true].isSorted()                              | true",
        "[b'a', b'b'].isSorted()                               | true",
        "[duration('1s'), duration('2s')].isSorted()           | true",
        "[timestamp('2024-01-01T00:00:00Z'), timestamp('2023-01-01T00:00:00Z')].isSorted() | false",
        "[1u, 2u].isSorted()                                   | true",
        "[1, 2, 3].sum() == 6                                  | true",
        "[1.5, 2.5].sum() == 4.0                               | true",
        "[1u, 2u].sum() == 3u                                  | true",
        "[duration('1s'), duration('2m')].sum() == duration('121s') | true",
        "[].sum() == 0                                         | true",
        "[3, 1, 2].min() == 1                                  | true",
        "[3, 1, 2].max() == 3                                  | true",
        "['b', 'a', 'c'].min() == 'a'                          | true",
        "[1.5, 0.5].max() == 1.5                               | true",
        "[1, 2, 3, 2].indexOf(2) == 1                          | true",
        "[1, 2, 3, 2].lastIndexOf(2) == 3                      | true",
        "[1, 2].indexOf(5) == -1                               | true",
        "['a', 'b'].lastIndexOf('z') == -1                     | true",
        "[[1], [2]].indexOf([2]) == 1                          | true",
        "[{'a': 1}].indexOf({'a': 1}) == 0                     | true",
        // the strings extension's indexOf still works next to the list one
        "'abcb'.indexOf('b') == 1 && 'abcb'.lastIndexOf('b') == 3 | true",
      })
  void listFunctions(String expression, boolean expected) {
    assertThat(cel.eval(expression)).isEqualTo(expected);
  }

  @Test
  void worksOnDynValuesFromTheRequest() {
    Map<String, Object> vars = Map.of("x", List.of(3L, 1L, 2L), "y", List.of(0.5, 1.5));
    assertThat(cel.eval("x.sum()", vars)).isEqualTo(6L);
    assertThat(cel.eval("x.min()", vars)).isEqualTo(1L);
    assertThat(cel.eval("x.max()", vars)).isEqualTo(3L);
    assertThat(cel.eval("x.isSorted()", vars)).isEqualTo(false);
    assertThat(cel.eval("x.indexOf(2)", vars)).isEqualTo(2L);
    assertThat(cel.eval("y.sum()", vars)).isEqualTo(2.0);
  }

  @Test
  void numbersCompareAcrossKindsAsInCelGo() {
    Map<String, Object> vars = Map.of("x", List.of(1L, 2.5, 3L));
    assertThat(cel.eval("x.isSorted()", vars)).isEqualTo(true);
    assertThat(cel.eval("x.max()", vars)).isEqualTo(3L);
    assertThat(cel.eval("x.indexOf(2.5)", vars)).isEqualTo(1L);
    assertThat(cel.eval("[1, 2].indexOf(dyn(2.0))")).isEqualTo(1L);
  }

  @Test
  void minAndMaxOfAnEmptyListAreErrors() {
    assertThat(cel.error("[].min()")).contains("min called on empty list");
    assertThat(cel.error("[].max()")).contains("max called on empty list");
  }

  @Test
  void sumOverflowAndMixedTypesAreErrors() {
    assertThat(cel.error("[9223372036854775807, 1].sum()")).contains("integer overflow");
    assertThat(cel.error("x.sum()", Map.of("x", List.of(1L, 2.0))))
        .contains("sum: cannot add double to int");
    assertThat(cel.error("['a'].sum()")).contains("sum: list elements must be int, uint, double or duration, got string");
  }

  @Test
  void incomparableElementsAreErrors() {
    assertThat(cel.error("x.isSorted()", Map.of("x", List.of(1L, "a"))))
        .contains("isSorted: no such overload: cannot compare int with string");
    assertThat(cel.error("[[1], [2]].min()")).contains("min: list elements must be comparable");
  }
}
