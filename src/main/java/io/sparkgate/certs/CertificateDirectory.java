package io.sparkgate.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The four files of a certificate directory: {@code ca.crt}, {@code ca.key}, {@code tls.crt},
 * {@code tls.key}, the names Kubernetes TLS secrets and cert-manager use. Certificates are PEM, keys
 * PKCS#8 PEM with mode 0600 where the file system has POSIX permissions.
 *
 * <p>Each file is replaced atomically, but four files cannot be replaced together. The order is
 * chosen for a server that watches {@code tls.crt}/{@code tls.key}: the CA first, then
 * {@code tls.key}, and {@code tls.crt} last, so the moment the new certificate appears its key is
 * already in place. A reader may still catch the pair mid-replacement (it may read the old
 * certificate just before the key changes), so a reloader must check the pair with
 * {@link PrivateKeys#keyMatchesCertificate} (as {@link TlsMaterial#load} does), keep serving the
 * previous pair on a mismatch and try again on the next change event or after a short delay; the
 * last write always produces a further event.
 */
public final class CertificateDirectory {
  public static final String CA_CERTIFICATE = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String TLS_CERTIFICATE = "tls.crt";
  public static final String TLS_KEY = "tls.key";

  private final Path directory;

  public CertificateDirectory(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  public Path caCertificate() {
    return directory.resolve(CA_CERTIFICATE);
  }

  public Path caKey() {
    return directory.resolve(CA_KEY);
  }

  public Path tlsCertificate() {
    return directory.resolve(TLS_CERTIFICATE);
  }

  public Path tlsKey() {
    return directory.resolve(TLS_KEY);
  }

  /** Creates the directory if needed and replaces all four files, in the order described above. */
  public void write(GeneratedCertificates certificates) throws IOException {
    Files.createDirectories(directory);
    AtomicFiles.write(caKey(), ascii(certificates.caKeyPem()), AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(caCertificate(), ascii(certificates.caCertificatePem()), AtomicFiles.WORLD_READABLE);
    AtomicFiles.write(tlsKey(), ascii(certificates.servingKeyPem()), AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(tlsCertificate(), ascii(certificates.servingCertificatePem()),
        AtomicFiles.WORLD_READABLE);
  }

  /** The serving pair as it is on disk now, normalised and checked; see {@link TlsMaterial#load}. */
  public TlsMaterial loadServingMaterial() throws IOException {
    return TlsMaterial.load(tlsCertificate(), tlsKey());
  }

  private static byte[] ascii(String pem) {
    return pem.getBytes(StandardCharsets.US_ASCII);
  }
}
