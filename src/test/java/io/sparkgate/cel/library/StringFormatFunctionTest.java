package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are cel-go's (strings extension version 2, en_US), from its test suite. */
class StringFormatFunctionTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "'no substitution'.format([])                     | no substitution",
        "'str is %s and some more'.format(['filler'])     | str is filler and some more",
        "'%% and also %%'.format([])                      | % and also %",
        "'%%%s%%'.format(['text'])                        | %text%",
        "'%d %d, %s %s'.format([1, 2, 'A', 'B'])          | 1 2, A B",
        "'%.3f'.format([1.2345])                          | 1.234",
        "'%.2f'.format([1234567.891])                     | 1,234,567.89",
        "'%f'.format([2.71828])                           | 2.718280",
        "'%f'.format([-0.5])                              | -0.500000",
        "'%f'.format(['NaN'])                             | NaN",
        "'%f'.format(['Infinity'])                        | ∞",
        "'%f'.format(['-Infinity'])                       | -∞",
        "'%b'.format([5])                                 | 101",
        "'%b'.format([-5])                                | -101",
        "'%b'.format([uint(64)])                          | 1000000",
        "'%b'.format([true])                              | 1",
        "'%o'.format([11])                                | 13",
        "'%o'.format([-11])                               | -13",
        "'%o'.format([uint(65535)])                       | 177777",
        "'%x'.format([30])                                | 1e",
        "'%X'.format([30])                                | 1E",
        "'%x'.format([-30])                               | -1e",
        "'%X'.format([uint(6000)])                        | 1770",
        "'%x'.format(['Hello world!'])                    | 48656c6c6f20776f726c6421",
        "'%X'.format([b'byte string'])                    | 6279746520737472696E67",
        "'%s'.format([2.71])                              | 2.71",
        "'%s'.format([0.000000002])                       | 2e-09",
        "'%s'.format([1000000.0])                         | 1e+06",
        "'%s'.format([100000.0])                          | 100000",
        "'%s'.format([double('NaN')])                     | NaN",
        "'%s'.format([double('Infinity')])                     | +Inf",
        "'%s'.format([[2.71]])                            | [2.710000]",
        "'%s'.format([[0.000000002]])                     | [0.000000]",
        "'%s'.format([[double('NaN'), double('Infinity'), double('-Infinity')]]) | `[\"NaN\", \"+Inf\", \"-Inf\"]`",
        "'%d'.format([uint(64)])                          | 64",
        "'null: %s'.format([null])                        | null: null",
        "'%s'.format([999999999999])                      | 999999999999",
        "'some bytes: %s'.format([b'xyz'])                | some bytes: xyz",
        "'type is %s'.format([type('test string')])       | type is string",
        "'%s'.format([timestamp('2023-02-03T23:31:20+00:00')]) | 2023-02-03T23:31:20Z",
        "'%s'.format([timestamp('2023-02-03T23:31:20.100Z')])  | 2023-02-03T23:31:20.1Z",
        "'%s'.format([duration('1h45m47s')])              | 6347s",
        "'%s'.format([duration('2ns')])                   | 0.000000002s",
        "'%s %s'.format([true, false])                    | true false",
        "'%s'.format([['abc', 3.14, null, [9, 8], timestamp('2023-02-03T23:31:20Z')]]) | `[\"abc\", 3.140000, null, [9, 8], timestamp(\"2023-02-03T23:31:20Z\")]`",
        "'%s'.format([{'key1': b'xyz', 'key5': null, 'key2': duration('2h'), 'key4': true, 'key3': 2.71828}]) | `{\"key1\":b\"xyz\", \"key2\":duration(\"7200s\"), \"key3\":2.718280, \"key4\":true, \"key5\":null}`",
        "'%s'.format([{1: 'value1', uint(2): 'value2', true: double('NaN')}]) | `{1:\"value1\", 2:\"value2\", true:\"NaN\"}`",
        "'%.200f'.format([1.0]).size()                   | 202",
      })
  void formatsAsKubernetes(String expression, String expected) {
    assertThat(String.valueOf(cel.eval(expression))).isEqualTo(expected);
  }

  @Test
  void scientificNotationUsesTheEnUsSuperscriptForm() {
    assertThat(cel.eval("'%e'.format([2.71828])")).isEqualTo("2.718280\u202f\u00d7\u202f10\u2070\u2070");
    assertThat(cel.eval("'%.6e'.format([1052.032911275])"))
        .isEqualTo("1.052033\u202f\u00d7\u202f10\u2070\u00b3");
    // ext/formatting.go Scientific builds "%%%de": the precision is Go's width, the digits stay 6
    assertThat(cel.eval("'%.2e'.format([0.00012])")).isEqualTo("1.200000\u202f\u00d7\u202f10\u207b\u2070\u2074");
  }

  @Test
  void argumentsFromTheRequestAreDyn() {
    assertThat(cel.eval("'%s has %d replicas'.format([x, y])", Map.of("x", "web", "y", 3L)))
        .isEqualTo("web has 3 replicas");
    assertThat(cel.eval("'%s'.format([x])", Map.of("x", List.of(1L, "a"))))
        .isEqualTo("[1, \"a\"]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'%a'.format([1])         | could not parse formatting clause: unrecognized formatting clause \"a\"",
        "'%d %d %d'.format([0, 1]) | index 2 out of range",
        "'string is %b'.format(['abc']) | error during formatting: only integers and bools can be formatted as binary, was given string",
        "'%d'.format([duration('30m2s')]) | error during formatting: decimal clause can only be used on integers, was given google.protobuf.Duration",
        "'octal: %o'.format(['a string']) | error during formatting: octal clause can only be used on integers, was given string",
        "'double is %x'.format([0.5]) | error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given double",
        "'double is %E'.format([0.5]) | could not parse formatting clause: unrecognized formatting clause \"E\"",
        "'null: %d'.format([null]) | error during formatting: decimal clause can only be used on integers, was given null_type",
        "'null: %f'.format([null]) | error during formatting: fixed-point clause can only be used on doubles, was given null_type",
        "'null: %e'.format([null]) | error during formatting: scientific clause can only be used on doubles, was given null_type",
        "'%s %s'.format(['abc'])   | index 1 out of range",
        "'double is %.34'.format([5.0]) | could not parse formatting clause: error while parsing precision: could not find end of precision specifier",
        "'%s'.format([quantity('1')]) | error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given kubernetes.Quantity",
        "'%.100000f'.format([1.0]) | precision 100000 exceeds maximum allowed precision 1000",
      })
  void errorsAsKubernetes(String expression, String message) {
    assertThat(cel.error(expression)).contains(message);
  }
}
