package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlFunctionsTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "url('https://example.com:80/').getScheme()           | https",
        "url('HTTPS://example.com/').getScheme()               | https",
        "url('https://example.com:80/').getHost()             | example.com:80",
        "url('https://[::1]:80/').getHost()                   | [::1]:80",
        "url('https://example.com:80/').getHostname()         | example.com",
        "url('https://[::1]:80/').getHostname()               | ::1",
        "url('https://example.com:80/').getPort()             | 80",
        "url('https://example.com/').getPort()                | ''",
        "url('https://user:pw@example.com/x').getHost()       | example.com",
        "url('https://example.com/path with spaces/').getEscapedPath() | /path%20with%20spaces/",
        "url('https://example.com/a%2Fb').getEscapedPath()    | /a%2Fb",
        "url('https://example.com/a!b').getEscapedPath()      | /a!b",
        "url('https://example.com').getEscapedPath()          | ''",
        "url('/absolute-path').getEscapedPath()               | /absolute-path",
        "url('https://example.com/p#frag').getEscapedPath()   | /p",
      })
  void getters(String expression, String expected) {
    assertThat(cel.eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://kubernetes.io        | true",
        "/path                        | true",
        "*                            | true",
        "mailto:someone@example.com   | true",
        "relative/path                | false",
        "example.com                  | false",
        "''                           | false",
        "https://exa mple.com         | false",
        "https://example.com:port     | false",
        "https://[::1                 | false",
        "https://example.com/%zz      | false",
        "://missing-scheme            | false",
        "https://example.com#frag     | false",
      })
  void isURLAcceptsAbsoluteUrisAndAbsolutePathsOnly(String text, boolean expected) {
    assertThat(cel.eval("isURL(x)", Map.of("x", text))).isEqualTo(expected);
  }

  @Test
  void getQueryGroupsValuesByKey() {
    assertThat(cel.eval("url('https://example.com/?k=a&k=b&x=1+2&e=%41&bad=%zz&semi=1;2').getQuery()"))
        .isEqualTo(Map.of("k", List.of("a", "b"), "x", List.of("1 2"), "e", List.of("A")));
    assertThat(cel.eval("url('https://example.com/').getQuery()")).isEqualTo(Map.of());
    assertThat(cel.eval("url('https://example.com/?k=v').getQuery()['k'][0]")).isEqualTo("v");
  }

  @Test
  void invalidUrlsFailWithGoMessages() {
    assertThat(cel.error("url('relative')"))
        .contains(
            "URL parse error during conversion from string: parse \"relative\": invalid URI for"
                + " request");
    assertThat(cel.error("url('https://example.com:port/')"))
        .contains("invalid port \":port\" after host");
    assertThat(cel.error("url('https://ex ample.com/')"))
        .contains("invalid character \" \" in host name");
    assertThat(cel.error("url('https://example.com/%zz')")).contains("invalid URL escape \"%zz\"");
  }

  @Test
  void urlsAreEqualWhenTheyDenoteTheSameUrl() {
    assertThat(cel.eval("url('HTTPS://example.com/a') == url('https://example.com/a')")).isEqualTo(true);
    assertThat(cel.eval("url('https://example.com/a') == url('https://example.com/b')")).isEqualTo(false);
  }
}
