package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spark.millicores: CPU amounts as coreLimit, coreRequest and cores write them. */
class SparkCpuTest {

  @ParameterizedTest(name = "spark.millicores({0}) == {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "'1200m' | 1200",
        "'1'     | 1000",
        "'0.5'   | 500",
        "'2'     | 2000",
        "'100m'  | 100",
        "'1.5'   | 1500",
        "'0'     | 0",
        "'1k'    | 1000000",
        "'1e3'   | 1000000",
        // a fraction of a millicore rounds up, as Kubernetes' MilliValue does
        "'0.0001'| 1",
        "2       | 2000",
        "0       | 0",
        "1.5     | 1500",
        "0.25    | 250",
      })
  void readsCpuAmounts(String argument, long millicores) {
    assertThat(SparkCel.eval("spark.millicores(" + argument + ")")).isEqualTo(millicores);
  }

  @Test
  void errorsNameTheValue() {
    assertThat(SparkCel.error("spark.millicores('two')"))
        .contains("spark.millicores: \"two\" is not a CPU amount: use a Kubernetes quantity");
    assertThat(SparkCel.error("spark.millicores('1 ')"))
        .contains("spark.millicores: \"1 \" is not a CPU amount");
    assertThat(SparkCel.error("spark.millicores('-1')"))
        .contains("spark.millicores: \"-1\" is not a CPU amount: it is negative");
    assertThat(SparkCel.error("spark.millicores(-2)"))
        .contains("spark.millicores: -2 is not a CPU amount: it is negative");
    assertThat(SparkCel.error("spark.millicores(-0.5)"))
        .contains("spark.millicores: -0.5 is not a CPU amount: it is negative");
  }

  @Test
  void hugeAmountsFailInsteadOfWrapping() {
    assertThat(SparkCel.error("spark.millicores(9223372036854775807)"))
        .contains("is not a CPU amount: it is more than 2^63-1 millicores");
    assertThat(SparkCel.error("spark.millicores('99999999999999999999')"))
        .contains("is not a CPU amount: it is more than 2^63-1 millicores");
    assertThat(SparkCel.error("spark.millicores(1e300)"))
        .contains("is not a CPU amount: it is more than 2^63-1 millicores");
    assertThat(SparkCel.error("spark.millicores(double('NaN'))"))
        .contains("spark.millicores: NaN is not a CPU amount: it is not a finite number");
  }

  @Test
  void aTenMegabyteStringFailsWithAShortMessage() {
    String message = SparkCel.errorOver("spark.millicores(object)", "1".repeat(10_000_000));
    assertThat(message).contains("is not a CPU amount").contains("(10000000 characters)");
    assertThat(message.length()).isLessThan(400);
  }
}
