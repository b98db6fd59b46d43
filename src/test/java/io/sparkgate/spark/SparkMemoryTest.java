package io.sparkgate.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** spark.memoryBytes: memory sizes as Spark writes them, and Kubernetes binary quantities. */
class SparkMemoryTest {

  @ParameterizedTest(name = "spark.memoryBytes({0}) == {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // Spark style: binary units, case-insensitive, with or without a trailing b
        "'512m'                   | 536870912",
        "'4g'                     | 4294967296",
        "'4G'                     | 4294967296",
        "'1024k'                  | 1048576",
        "'1t'                     | 1099511627776",
        "'1p'                     | 1125899906842624",
        "'2gb'                    | 2147483648",
        "'2GB'                    | 2147483648",
        "'512mb'                  | 536870912",
        "'100b'                   | 100",
        "'100B'                   | 100",
        // plain digits are bytes
        "'1048576'                | 1048576",
        "'0'                      | 0",
        // Spark trims surrounding whitespace
        "' 2g '                   | 2147483648",
        // Kubernetes binary quantities
        "'8Gi'                    | 8589934592",
        "'512Mi'                  | 536870912",
        "'1Ki'                    | 1024",
        "'1Ti'                    | 1099511627776",
        // decimal Kubernetes suffixes are NOT Kubernetes here: 1G is Spark's 1 GiB
        "'1G'                     | 1073741824",
        "'1M'                     | 1048576",
        "'1K'                     | 1024",
        // the largest sizes that fit int64
        "'9223372036854775807'    | 9223372036854775807",
        "'8191p'                  | 9222246136947933184",
        // the int overload: a byte count
        "0                        | 0",
        "536870912                | 536870912",
      })
  void readsSparkAndKubernetesSizes(String argument, long bytes) {
    assertThat(SparkCel.eval("spark.memoryBytes(" + argument + ")")).isEqualTo(bytes);
  }

  @Test
  void comparesSizesWrittenInDifferentStyles() {
    assertThat(SparkCel.eval("spark.memoryBytes('4g') == spark.memoryBytes('4Gi')"))
        .isEqualTo(true);
    assertThat(SparkCel.eval("spark.memoryBytes('1G') > quantity('1G').asInteger()"))
        .isEqualTo(true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"lots", "", " ", "g", "-1g", "+1g", "1 g", "1x", "1gib", "1ki", "1KI", "1Ei",
          "1e3", "0x10", "1_000", "١g", "1g1"})
  void refusesWhatIsNotAMemorySize(String text) {
    assertThat(SparkCel.error("spark.memoryBytes(object)", quotedYaml(text)))
        .contains(
            "spark.memoryBytes: \""
                + text
                + "\" is not a memory size: use a number with b, k, m, g, t or p (Spark style)"
                + " or Ki, Mi, Gi, Ti (Kubernetes)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5g", "0.5m", "1.5Gi", "2.0"})
  void refusesFractionsAsSparkDoes(String text) {
    assertThat(SparkCel.error("spark.memoryBytes('" + text + "')"))
        .contains("spark.memoryBytes: \"" + text + "\" is not a memory size: ")
        .contains("Spark does not accept fractions");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8192p", "9223372036854775808", "99999999999999999999999g", "9999999Ti"})
  void refusesSizesBeyondInt64(String text) {
    assertThat(SparkCel.error("spark.memoryBytes('" + text + "')"))
        .contains("spark.memoryBytes: \"" + text + "\" is not a memory size: it is more than 2^63-1 bytes");
  }

  @Test
  void refusesNegativeByteCounts() {
    assertThat(SparkCel.error("spark.memoryBytes(-1)"))
        .contains("spark.memoryBytes: -1 is not a memory size: it is negative");
  }

  @Test
  void aTenMegabyteStringFailsFastWithAShortMessage() {
    String huge = "1".repeat(10_000_000) + "g";
    String message = SparkCel.errorOver("spark.memoryBytes(object)", huge);
    assertThat(message).contains("is not a memory size").contains("(10000001 characters)");
    assertThat(message.length()).isLessThan(400);
  }

  @Test
  void otherTypesAreCompileErrors() {
    assertThat(SparkCel.compiles("spark.memoryBytes(1.5)")).isFalse();
    assertThat(SparkCel.compiles("spark.memoryBytes(true)")).isFalse();
    assertThat(SparkCel.compiles("spark.memoryBytes('1g', '2g')")).isFalse();
  }

  @ParameterizedTest(name = "a MiB setting {0} is {1} MiB")
  @CsvSource(
      delimiter = '|',
      value = {
        // spark.driver.memory and friends are bytesConf(MiB): plain digits are MiB
        "2048     | 2048",
        "512m     | 512",
        "4g       | 4096",
        "1536k    | 1", // smaller units truncate, as Spark's ByteUnit does
        "1048575b | 0",
        "512Mi    | 512",
      })
  void settingsInMebibytesCountPlainNumbersAsMebibytes(String text, long mebibytes) {
    assertThat(SparkMemory.parseMebibytes(text)).isEqualTo(mebibytes);
  }

  private static String quotedYaml(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
