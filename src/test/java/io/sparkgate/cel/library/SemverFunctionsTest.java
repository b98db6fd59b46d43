package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverFunctionsTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "isSemver('1.2.3')                                              | true",
        "isSemver('1.2.3-alpha.1+build.5')                              | true",
        "isSemver('v1.2.3')                                             | false",
        "isSemver('1.2')                                                | false",
        "isSemver('01.2.3')                                             | false",
        "isSemver('1.2.3-01')                                           | false",
        "isSemver('1.2.3+')                                             | false",
        "isSemver('v1.2.3', true)                                       | true",
        "isSemver('v1.02', true)                                        | true",
        "isSemver('1-alpha', true)                                      | false",
        "isSemver('1.2.3', false)                                       | true",
        "semver('1.2.3').major() == 1                                   | true",
        "semver('1.2.3').minor() == 2                                   | true",
        "semver('1.2.3').patch() == 3                                   | true",
        "semver('v01.002', true) == semver('1.2.0')                     | true",
        "semver('1.2.3').isLessThan(semver('1.10.0'))                   | true",
        "semver('1.2.3').isGreaterThan(semver('1.2.3-rc.1'))            | true",
        "semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1'))      | true",
        "semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta')) | true",
        "semver('1.0.0-2').isLessThan(semver('1.0.0-10'))               | true",
        "semver('1.0.0+a') == semver('1.0.0+b')                         | true",
        "semver('1.2.3').compareTo(semver('1.2.3')) == 0                | true",
        "semver('1.2.3').compareTo(semver('2.0.0')) == -1               | true",
        "semver('2.0.0').compareTo(semver('1.9.9')) == 1                | true",
      })
  void semverFunctions(String expression, boolean expected) {
    assertThat(cel.eval(expression)).isEqualTo(expected);
  }

  @Test
  void errorsCarryBlangSemverMessages() {
    assertThat(cel.error("semver('1.2')")).contains("No Major.Minor.Patch elements found");
    assertThat(cel.error("semver('')")).contains("Version string empty");
    assertThat(cel.error("semver('a.2.3')")).contains("Invalid character(s) found in major number \"a\"");
    assertThat(cel.error("semver('01.2.3')")).contains("Major number must not contain leading zeroes \"01\"");
    assertThat(cel.error("semver('1.2.3-01')"))
        .contains("Numeric PreRelease version must not contain leading zeroes \"01\"");
    assertThat(cel.error("semver('1-rc', true)"))
        .contains("short version cannot contain PreRelease/Build meta data");
    assertThat(cel.error("semver('1.2.99999999999999999999')"))
        .contains("strconv.ParseUint: parsing \"99999999999999999999\": value out of range");
  }
}
