package io.sparkgate.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Development certificates for {@code serve}: made on first start, left alone afterwards. */
public final class DevCertificates {
  private DevCertificates() {}

  /**
   * Makes sure {@code dir} holds a serving pair. If {@code tls.crt} and {@code tls.key} both exist
   * they are left untouched (whatever their origin: cert-manager, a mounted Secret, an earlier run)
   * and the result is empty. If neither exists, a new CA and serving certificate are written and the
   * path of {@code ca.crt} is returned, for the server to log.
   *
   * @throws IOException if only one of the two files exists (we will not overwrite someone's key or
   *     certificate: remove the stray file or supply both), or on write failure
   * @throws IllegalArgumentException if service or namespace is not a DNS label
   */
  public static Optional<Path> ensureServingCertificate(Path dir, String service, String namespace)
      throws IOException {
    CertificateDirectory files = new CertificateDirectory(dir);
    boolean certificateExists = Files.exists(files.tlsCertificate());
    boolean keyExists = Files.exists(files.tlsKey());
    if (certificateExists && keyExists) {
      return Optional.empty();
    }
    if (certificateExists || keyExists) {
      Path present = certificateExists ? files.tlsCertificate() : files.tlsKey();
      Path missing = certificateExists ? files.tlsKey() : files.tlsCertificate();
      throw new IOException(present + " exists but " + missing + " does not; supply both, or"
          + " remove " + present + " to have a development pair generated");
    }
    GeneratedCertificates generated = new CertificateGenerator()
        .generate(service, namespace, CertificateGenerator.DEFAULT_VALIDITY_DAYS);
    files.write(generated);
    return Optional.of(files.caCertificate());
  }
}
