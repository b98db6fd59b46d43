package io.sparkgate.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A serving certificate chain and its key, ready for Vert.x {@code PemKeyCertOptions}
 * ({@code setCertValue(Buffer.buffer(chainPem()))}, {@code setKeyValue(Buffer.buffer(keyPem()))}):
 * the key is always PKCS#8 and always belongs to the leaf.
 */
public record TlsMaterial(String chainPem, String keyPem, List<X509Certificate> chain) {

  public TlsMaterial {
    chain = List.copyOf(chain);
  }

  /**
   * Reads and checks a pair of files. Throws rather than returning a pair that does not belong
   * together, so a reloader that catches the files mid-rotation keeps its current pair.
   *
   * @throws CertificateMaterialException if either file does not parse or the key is not the leaf's
   * @throws IOException if a file cannot be read
   */
  public static TlsMaterial load(Path certificateFile, Path keyFile) throws IOException {
    String chainPem = Files.readString(certificateFile, StandardCharsets.US_ASCII);
    String keyPem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    try {
      return fromPem(chainPem, keyPem);
    } catch (CertificateMaterialException e) {
      throw new CertificateMaterialException(
          certificateFile + " / " + keyFile + ": " + e.getMessage(), e);
    }
  }

  public static TlsMaterial fromPem(String chainPem, String keyPem) {
    List<X509Certificate> chain = Certificates.parseChain(chainPem);
    String pkcs8 = PrivateKeys.toPkcs8Pem(keyPem);
    if (!PrivateKeys.keyMatchesCertificate(PrivateKeys.readPrivateKey(pkcs8), chain.get(0))) {
      throw new CertificateMaterialException("the private key does not belong to the certificate "
          + chain.get(0).getSubjectX500Principal().getName()
          + " (files caught mid-rotation, or mismatched files)");
    }
    StringBuilder normalisedChain = new StringBuilder();
    chain.forEach(certificate -> normalisedChain.append(Certificates.toPem(certificate)));
    return new TlsMaterial(normalisedChain.toString(), pkcs8, chain);
  }

  public X509Certificate leaf() {
    return chain.get(0);
  }

  public CertificateInfo leafInfo() {
    return CertificateInfo.of(leaf());
  }

  @Override
  public String toString() {
    return "TlsMaterial[leaf=" + leaf().getSubjectX500Principal() + "]";
  }
}
