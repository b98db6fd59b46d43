package io.sparkgate.certs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the server reports about its serving certificate: the subject, the end of validity (for
 * {@code sparkgate_certificate_expiry_timestamp_seconds}) and the names it is valid for.
 */
public record CertificateInfo(
    String subject, Instant notBefore, Instant notAfter, List<String> dnsNames,
    List<InetAddress> ipAddresses) {

  private static final int SAN_DNS_NAME = 2;
  private static final int SAN_IP_ADDRESS = 7;

  public CertificateInfo {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  /** The leaf (first certificate) of a PEM chain. */
  public static CertificateInfo ofLeaf(String pemChain) {
    return of(Certificates.parseLeaf(pemChain));
  }

  public static CertificateInfo of(X509Certificate certificate) {
    List<String> dnsNames = new ArrayList<>();
    List<InetAddress> ipAddresses = new ArrayList<>();
    for (List<?> name : subjectAlternativeNames(certificate)) {
      int type = (Integer) name.get(0);
      if (type == SAN_DNS_NAME) {
        dnsNames.add((String) name.get(1));
      } else if (type == SAN_IP_ADDRESS) {
        ipAddresses.add(ipLiteral((String) name.get(1)));
      }
    }
    return new CertificateInfo(certificate.getSubjectX500Principal().getName(),
        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
        dnsNames, ipAddresses);
  }

  public long notAfterEpochSeconds() {
    return notAfter.getEpochSecond();
  }

  private static Collection<List<?>> subjectAlternativeNames(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null ? List.of() : names;
    } catch (CertificateParsingException e) {
      throw new CertificateMaterialException(
          "the subjectAltName extension does not parse: " + e.getMessage(), e);
    }
  }

  private static InetAddress ipLiteral(String text) {
    try {
      // The JDK hands IP SANs over as numeric literals, so this never consults DNS.
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new CertificateMaterialException("unreadable IP address SAN " + text, e);
    }
  }
}
