package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CEL quantity functions; cases marked "k8s" are from Kubernetes' own tests. */
class QuantityTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // k8s
        "isQuantity('20')                                   | true",
        "isQuantity('20M')                                  | true",
        "isQuantity('20Mi')                                 | true",
        "isQuantity('20Mo')                                 | false",
        "isQuantity('10Mm')                                 | false",
        "isQuantity('1,3G')                                 | false",
        "isQuantity('200K')                                 | false",
        "isQuantity('Three')                                | false",
        // Kubernetes' documentation says false; its parser reads an empty number as 0: true
        "isQuantity('Mi')                                   | true",
        "isQuantity('1.5e3')                                | true",
        "isQuantity('1E3')                                  | true",
        "isQuantity('')                                     | false",
        "quantity('200M') == quantity('200M')               | true",
        "quantity('200M') == quantity('0.2G') && quantity('0.2G') == quantity('200M') | true",
        "quantity('2M') == quantity('0.002G') && quantity('2000k') == quantity('2M') | true",
        "quantity('200M') == quantity('0.3G')               | false",
        "quantity('50M').isLessThan(quantity('50Mi'))       | true",
        "quantity('100M').isLessThan(quantity('50M'))       | false",
        "quantity('50Mi').isGreaterThan(quantity('50M'))    | true",
        "quantity('50M').isGreaterThan(quantity('100M'))    | false",
        "quantity('50k').add(quantity('20')) == quantity('50.02k') | true",
        "quantity('50k').add(20).isLessThan(quantity('50020')) | false",
        "quantity('50k').sub(quantity('20')) == quantity('49.98k') | true",
        "quantity('50k').sub(20) == quantity('49980')       | true",
        "quantity('9999999999999999999999999999999999999G').isInteger() | false",
        "quantity('50').isInteger()                         | true",
        "[quantity('9999999999999999999999999999999999999')].all(x, x.add(quantity('1')).compareTo(x.add(quantity('2'))) == -1) | true",
        // equality is numeric, as in Kubernetes (Quantity.Equal compares with Cmp)
        "quantity('1') == quantity('1000m')                 | true",
        "quantity('1Ki') == quantity('1024')                | true",
        "quantity('1e3') == quantity('1k')                  | true",
        "quantity('1') != quantity('1001m')                 | true",
        // Kubernetes only answers "integer" for an int64 mantissa with a scale >= 0
        "quantity('1k').isInteger()                         | true",
        "quantity('1000m').isInteger()                      | false",
        "quantity('1.5Gi').isInteger()                      | false",
        "quantity('0.5').isInteger()                        | false",
        "sign(quantity('-3'))  == -1                        | true",
        "sign(quantity('0')) == 0                           | true",
        "sign(quantity('5m')) == 1                          | true",
      })
  void quantityFunctions(String expression, boolean expected) {
    assertThat(cel.eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "quantity('200M').compareTo(quantity('0.2G'))                            | 0",
        "quantity('50M').compareTo(quantity('50Mi'))                             | -1",
        "quantity('50Mi').compareTo(quantity('50M'))                             | 1",
        "quantity('50k').add(20).sub(quantity('100k')).asInteger()               | -49980",
        "quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger()   | 20",
        "quantity('50k').asInteger()                                             | 50000",
        "quantity('2Gi').asInteger()                                             | 2147483648",
        "quantity('-1k').asInteger()                                             | -1000",
      })
  void integerResults(String expression, long expected) {
    assertThat(cel.eval(expression)).isEqualTo(expected);
  }

  @Test
  void approximateFloat() {
    assertThat(cel.eval("quantity('50.703k').asApproximateFloat()")).isEqualTo(50703.0);
    assertThat(cel.eval("quantity('1.5Gi').asApproximateFloat()")).isEqualTo(1610612736.0);
    assertThat(cel.eval("quantity('100m').asApproximateFloat()")).isEqualTo(0.1);
    assertThat(cel.eval("quantity('50k').sub(20000).asApproximateFloat() == 30000.0")).isEqualTo(true);
  }

  @Test
  void errorsCarryKubernetesMessages() {
    assertThat(cel.error("quantity('10Mo')"))
        .contains(
            "quantities must match the regular expression"
                + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    assertThat(cel.error("quantity('10Mm')")).contains("unable to parse quantity's suffix");
    assertThat(cel.error("quantity('9999999999999999999999999999999999999G').asInteger()"))
        .contains("cannot convert value to integer");
    assertThat(cel.error("quantity('1000m').asInteger()")).contains("cannot convert value to integer");
    assertThat(cel.compiles("isQuantity([1, 2, 3])")).isFalse();
  }

  @Test
  void javaApiForTheRestOfSparkgate() {
    assertThat(Quantity.parse("1500m").millis()).isEqualTo(1500);
    assertThat(Quantity.parse("1.5").millis()).isEqualTo(1500);
    assertThat(Quantity.parse("2Gi").toBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(Quantity.parse("512M").toBytes()).isEqualTo(512_000_000L);
    assertThat(Quantity.parse("100m").value()).isEqualTo(1); // rounded away from zero
    assertThat(Quantity.parse("1n").millis()).isEqualTo(1);
    assertThat(Quantity.parse("-1n").millis()).isEqualTo(-1);
    assertThat(Quantity.tryParse("abc")).isEmpty();
    assertThat(Quantity.parse("1Gi").isGreaterThan(Quantity.parse("1G"))).isTrue();
    assertThatThrownBy(() -> Quantity.parse("x"))
        .isInstanceOf(QuantityFormatException.class)
        .hasMessageContaining("quantities must match the regular expression");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1500m   | 1500m",
        "1.5     | 1500m",
        "2048Mi  | 2Gi",
        "1536Mi  | 1536Mi",
        "1.5Gi   | 1536Mi",
        "0.5Ki   | 512",
        "1000    | 1k",
        "12e6    | 12e6",
        "1e3     | 1e3",
        "100u    | 100u",
        "0.1n    | 1n",
        "-0.1n   | -1n",
        "0       | 0",
        "000     | 0",
        "+5      | 5",
        "1.0     | 1",
        "1E      | 1E",
        "1000E   | 1e21",
      })
  void canonicalForm(String input, String canonical) {
    assertThat(Quantity.parse(input)).hasToString(canonical);
  }

  @Test
  void parsingFollowsKubernetesRatherThanItsRegex() {
    // Kubernetes' parser (not its error message's regex) accepts these.
    assertThat(Quantity.parse(".").sign()).isZero();
    assertThat(Quantity.parse("-").sign()).isZero();
    assertThat(Quantity.parse("5.").toBigDecimal()).isEqualByComparingTo("5");
    assertThat(Quantity.tryParse("1.2.3")).isEmpty();
    assertThat(Quantity.tryParse("1e")).isEmpty();
    assertThat(Quantity.tryParse("1 k")).isEmpty();
  }

  @Test
  void binaryValuesAboveInt64AreCappedAsInKubernetes() {
    assertThat(Quantity.parse("100000000000Ei").toBigDecimal())
        .isEqualByComparingTo(String.valueOf(Long.MAX_VALUE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e2000000000", "1e10001", "1e9999999999999", "99999999999999999999e9999"})
  @Timeout(5)
  void hugeMagnitudesAreRefusedQuickly(String hostile) {
    assertThat(cel.eval("isQuantity(x)", java.util.Map.of("x", hostile))).isEqualTo(false);
    assertThat(cel.error("quantity(x)", java.util.Map.of("x", hostile)))
        .contains("quantity is larger than the supported maximum of 10^10000");
  }

  @Test
  @Timeout(5)
  void hugeStringsAndTinyExponentsStayCheap() {
    String longString = "1".repeat(5_000_000);
    long start = System.nanoTime();
    assertThat(cel.eval("isQuantity(x)", java.util.Map.of("x", longString))).isEqualTo(false);
    assertThat(cel.error("quantity(x)", java.util.Map.of("x", longString)))
        .contains("quantity of 5000000 characters is longer than the supported maximum of 1024");
    // 1e-2000000000 is rounded up to one nano, without computing its digits
    assertThat(Quantity.parse("1e-2000000000")).hasToString("1e-9");
    assertThat(Quantity.parse("1" .repeat(1000)).add(Quantity.parse("1n")).sign()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }
}
