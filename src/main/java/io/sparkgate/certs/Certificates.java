package io.sparkgate.certs;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** X.509 certificates to and from PEM, with the JDK's own parser. */
public final class Certificates {
  static final String CERTIFICATE = "CERTIFICATE";

  private Certificates() {}

  /**
   * The certificates in {@code pem}, in file order: the leaf first for a serving chain. Other blocks
   * (a key in a combined file, say) are skipped.
   *
   * @throws CertificateMaterialException if there is no certificate or one does not parse
   */
  public static List<X509Certificate> parseChain(String pem) {
    List<PemBlock> blocks = Pem.decode(pem);
    List<X509Certificate> chain = new ArrayList<>();
    CertificateFactory factory = x509Factory();
    for (PemBlock block : blocks) {
      if (!block.type().equals(CERTIFICATE)) {
        continue;
      }
      try {
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (CertificateException e) {
        throw new CertificateMaterialException(
            "certificate " + (chain.size() + 1) + " in the chain does not parse: " + e.getMessage(), e);
      }
    }
    if (chain.isEmpty()) {
      throw new CertificateMaterialException(blocks.isEmpty()
          ? "no PEM block found; expected one or more CERTIFICATE blocks"
          : "no CERTIFICATE block found (found " + Pem.typesOf(blocks) + ")");
    }
    return List.copyOf(chain);
  }

  /** The first certificate of the chain in {@code pem}. */
  public static X509Certificate parseLeaf(String pem) {
    return parseChain(pem).get(0);
  }

  public static String toPem(X509Certificate certificate) {
    try {
      return Pem.encode(CERTIFICATE, certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new CertificateMaterialException("certificate cannot be encoded: " + e.getMessage(), e);
    }
  }

  static X509Certificate fromDer(byte[] der) {
    try {
      return (X509Certificate) x509Factory().generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new CertificateMaterialException("certificate does not parse: " + e.getMessage(), e);
    }
  }

  private static CertificateFactory x509Factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
    }
  }
}
