package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamedFormatFunctionsTest {

  private final KubeCel cel = KubeCel.withLibrary();

  // Kubernetes' RegexError really writes "'my-name',  or '123-abc'" (comma, two spaces).
  private static final String LABEL_ERROR =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
          + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  @Test
  void validValuesYieldNoErrors() {
    assertThat(cel.eval("format.dns1123Label().validate('my-name')")).isEqualTo(Optional.empty());
    assertThat(cel.eval("format.dns1123Label().validate('my-name').hasValue()")).isEqualTo(false);
  }

  @Test
  void invalidValuesYieldKubernetesMessages() {
    assertThat(cel.eval("format.dns1123Label().validate('My_Name')"))
        .isEqualTo(Optional.of(List.of(LABEL_ERROR)));
    assertThat(cel.eval("format.dns1123Label().validate('a.b')"))
        .isEqualTo(Optional.of(List.of("must not contain dots")));
    assertThat(cel.eval("format.dns1123Label().validate(x)", Map.of("x", "a".repeat(64))))
        .isEqualTo(Optional.of(List.of("must be no more than 63 characters")));
    assertThat(cel.eval("format.dns1123Label().validate(x)", Map.of("x", "A".repeat(64))))
        .isEqualTo(Optional.of(List.of("must be no more than 63 characters", LABEL_ERROR)));
    assertThat(cel.eval("format.dns1035Label().validate('1abc').value()"))
        .isEqualTo(
            List.of(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                    + " with an alphabetic character, and end with an alphanumeric character (e.g."
                    + " 'my-name',  or 'abc-123', regex used for validation is"
                    + " '[a-z]([-a-z0-9]*[a-z0-9])?')"));
    assertThat(cel.eval("format.dns1123Subdomain().validate('-a.b').value()"))
        .isEqualTo(
            List.of(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                    + " characters, '-' or '.', and must start and end with an alphanumeric"
                    + " character (e.g. 'example.com', regex used for validation is"
                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    assertThat(cel.eval("format.qualifiedName().validate('a/b/c').value()"))
        .isEqualTo(
            List.of(
                "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and"
                    + " must start and end with an alphanumeric character (e.g. 'MyName',  or"
                    + " 'my.name',  or '123-abc', regex used for validation is"
                    + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain"
                    + " prefix and '/' (e.g. 'example.com/MyName')"));
    assertThat(cel.eval("format.qualifiedName().validate('/x').value()"))
        .isEqualTo(List.of("prefix part must be non-empty"));
    assertThat(cel.eval("format.uri().validate('relative').value()"))
        .isEqualTo(List.of("parse \"relative\": invalid URI for request"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dns1123Label           | my-name                                | true",
        "dns1123Label           | my-name-                               | false",
        "dns1123LabelPrefix     | my-name-                               | true",
        "dns1123Subdomain       | example.com                            | true",
        "dns1123SubdomainPrefix | example.com-                           | true",
        "dns1035Label           | abc-123                                | true",
        "dns1035LabelPrefix     | abc-                                   | true",
        "qualifiedName          | example.com/MyName                     | true",
        "qualifiedName          | MyName                                 | true",
        "qualifiedName          | -bad                                   | false",
        "labelValue             | ''                                     | true",
        "labelValue             | my_value.1                             | true",
        "labelValue             | bad value                              | false",
        "uri                    | https://example.com/x                  | true",
        "uri                    | not a uri                              | false",
        "uuid                   | 123e4567-e89b-12d3-a456-426614174000   | true",
        "uuid                   | 123E4567E89B12D3A456426614174000       | true",
        "uuid                   | 123e4567-e89b-12d3-a456                | false",
        "byte                   | aGVsbG8=                               | true",
        "byte                   | aGVsbG8                                | false",
        "byte                   | ''                                     | false",
        "date                   | 2024-02-29                             | true",
        "date                   | 2023-02-29                             | false",
        "date                   | 2024-1-01                              | false",
        "datetime               | 2024-02-29T10:20:30Z                   | true",
        "datetime               | 2024-02-29t10:20:30.123+01:00          | true",
        "datetime               | 2024-02-29T24:00:00Z                   | false",
        "datetime               | 2024-02-29                             | false",
      })
  void namedFormatsValidate(String format, String value, boolean valid) {
    Map<String, Object> vars = Map.of("x", value);
    assertThat(cel.eval("format." + format + "().validate(x).hasValue()", vars)).isEqualTo(!valid);
    assertThat(cel.eval("format.named('" + format + "').value().validate(x).hasValue()", vars))
        .isEqualTo(!valid);
  }

  @Test
  void namedLooksUpFormatsByName() {
    assertThat(cel.eval("format.named('dns1123Label').hasValue()")).isEqualTo(true);
    assertThat(cel.eval("format.named('nope').hasValue()")).isEqualTo(false);
    assertThat(cel.eval("format.named('dns1123Label') == optional.of(format.dns1123Label())"))
        .isEqualTo(true);
    assertThat(cel.eval("format.dns1123Label() == format.dns1035Label()")).isEqualTo(false);
  }
}
