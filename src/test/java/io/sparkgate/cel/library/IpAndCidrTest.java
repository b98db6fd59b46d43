package io.sparkgate.cel.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAndCidrTest {

  private final KubeCel cel = KubeCel.withLibrary();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "isIP('192.168.0.1')                            | true",
        "isIP('2001:db8::68')                           | true",
        "isIP('::')                                     | true",
        "isIP('1.2.3')                                  | false",
        "isIP('1.2.3.04')                               | false",
        "isIP('256.1.1.1')                              | false",
        "isIP('::ffff:1.2.3.4')                         | false",
        "isIP('fe80::1%eth0')                           | false",
        "isIP('localhost')                              | false",
        "isIP('example.com')                            | false",
        "isIP('1:2:3:4:5:6:7:8:9')                      | false",
        "ip('127.0.0.1').family() == 4                  | true",
        "ip('::1').family() == 6                        | true",
        "ip('0.0.0.0').isUnspecified()                  | true",
        "ip('::').isUnspecified()                       | true",
        "ip('127.0.0.5').isLoopback()                   | true",
        "ip('::1').isLoopback()                         | true",
        "ip('10.0.0.1').isLoopback()                    | false",
        "ip('224.0.0.1').isLinkLocalMulticast()         | true",
        "ip('224.0.1.1').isLinkLocalMulticast()         | false",
        "ip('ff02::1').isLinkLocalMulticast()           | true",
        "ip('169.254.1.1').isLinkLocalUnicast()         | true",
        "ip('fe80::1').isLinkLocalUnicast()             | true",
        "ip('192.168.0.1').isGlobalUnicast()            | true",
        "ip('2001:db8::1').isGlobalUnicast()            | true",
        "ip('255.255.255.255').isGlobalUnicast()        | false",
        "ip('224.0.0.1').isGlobalUnicast()              | false",
        "ip('127.0.0.1').isGlobalUnicast()              | false",
        "ip('2001:DB8::1') == ip('2001:db8::1')         | true",
        "ip('1.2.3.4') == ip('1.2.3.5')                 | false",
        "ip.isCanonical('2001:db8::1')                  | true",
        "ip.isCanonical('2001:DB8::1')                  | false",
        "ip.isCanonical('2001:db8:0:0:0:0:0:1')         | false",
        "ip.isCanonical('127.0.0.1')                    | true",
        "isCIDR('10.0.0.0/8')                           | true",
        "isCIDR('10.0.0.0/33')                          | false",
        "isCIDR('10.0.0.0/08')                          | false",
        "isCIDR('10.0.0.0')                             | false",
        "isCIDR('::ffff:1.2.3.4/120')                   | false",
        "isCIDR('fe80::/10')                            | true",
        "cidr('10.0.0.0/8').containsIP('10.1.2.3')      | true",
        "cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))  | false",
        "cidr('10.0.0.0/8').containsIP('::1')           | false",
        "cidr('2001:db8::/32').containsIP('2001:db8::1') | true",
        "cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16') | true",
        "cidr('10.1.0.0/16').containsCIDR('10.0.0.0/8') | false",
        "cidr('10.0.0.0/8').containsCIDR(cidr('10.0.0.0/8')) | true",
        "cidr('0.0.0.0/0').containsCIDR('::/0')         | false",
        "cidr('10.1.2.3/8').ip() == ip('10.1.2.3')      | true",
        "cidr('10.1.2.3/8').masked() == cidr('10.0.0.0/8') | true",
        "cidr('10.0.0.0/8').prefixLength() == 8         | true",
        "cidr('10.0.0.0/8') == cidr('10.0.0.0/8')       | true",
        "cidr('10.0.0.0/8') == cidr('10.0.0.0/9')       | false",
      })
  void ipAndCidrFunctions(String expression, boolean expected) {
    assertThat(cel.eval(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "string(ip('2001:0DB8:0000:0000:0000:0000:0000:0001')) | 2001:db8::1",
        "string(ip('0:0:0:0:ffff:0:0:1'))                      | ::ffff:0:0:1",
        "string(ip('1:0:0:1:0:0:0:1'))                         | 1:0:0:1::1",
        "string(ip('1:0:0:2:3:0:0:4'))                         | 1::2:3:0:0:4",
        "string(ip('0:1:0:0:0:0:0:0'))                         | 0:1::",
        "string(ip('1:2:3:4:5:6:7:0'))                         | 1:2:3:4:5:6:7:0",
        "string(ip('::1.2.3.4'))                               | ::102:304",
        "string(cidr('2001:db8::1/64'))                        | 2001:db8::1/64",
        "string(cidr('10.1.2.3/8').masked())                   | 10.0.0.0/8",
        "string(cidr('2001:db8:ffff::/33').masked())           | 2001:db8:8000::/33",
        "string(cidr('10.0.0.0/8').ip())                       | 10.0.0.0",
      })
  void canonicalStrings(String expression, String expected) {
    assertThat(cel.eval(expression)).isEqualTo(expected);
  }

  @Test
  void errorsCarryKubernetesAndGoMessages() {
    assertThat(cel.error("ip('1.2.3')"))
        .contains(
            "IP Address \"1.2.3\" parse error during conversion from string: ParseAddr(\"1.2.3\"):"
                + " IPv4 address too short");
    assertThat(cel.error("ip('1.2.3.04')")).contains("IPv4 field has octet with leading zero");
    assertThat(cel.error("ip('fe80::1%eth0')"))
        .contains("IP address \"fe80::1%eth0\" with zone value is not allowed");
    assertThat(cel.error("ip('::ffff:1.2.3.4')"))
        .contains("IPv4-mapped IPv6 address \"::ffff:1.2.3.4\" is not allowed");
    assertThat(cel.error("ip('1::2::3')")).contains("multiple :: in address");
    assertThat(cel.error("ip('localhost')"))
        .contains("ParseAddr(\"localhost\"): unable to parse IP");
    assertThat(cel.error("cidr('10.0.0.0/33')"))
        .contains(
            "network address parse error during conversion from string:"
                + " netip.ParsePrefix(\"10.0.0.0/33\"): prefix length out of range");
    assertThat(cel.error("cidr('10.0.0.0')")).contains("no '/'");
    assertThat(cel.error("cidr('fe80::%eth0/64')")).contains("IPv6 zones cannot be present in a prefix");
    assertThat(cel.error("cidr('10.0.0.0/8').containsIP('nope')")).contains("unable to parse IP");
    assertThat(cel.error("ip.isCanonical('nope')")).contains("unable to parse IP");
  }

  @Test
  void hostNamesAreNeverResolved() {
    // A resolver would answer for these; the parser must reject them as text.
    for (String name : new String[] {"localhost", "example.com", "0x7f.1", "127.1", "017.0.0.1"}) {
      assertThat(cel.eval("isIP(x)", Map.of("x", name))).as(name).isEqualTo(false);
    }
  }

  @Test
  void javaApi() {
    assertThat(IpAddress.parse("10.0.0.1").family()).isEqualTo(4);
    assertThat(Cidr.parse("10.0.0.0/8").contains(IpAddress.parse("10.2.3.4"))).isTrue();
    assertThat(Cidr.isValid("10.0.0.0/8")).isTrue();
  }
}
