package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateDirectoryTest {
  @TempDir Path tmp;

  private final CertificateGenerator generator = new CertificateGenerator();

  @Test
  void writesFourPemFilesThatTheJdkReadsBack() throws Exception {
    CertificateDirectory directory = new CertificateDirectory(tmp.resolve("nested/certs"));
    directory.write(generator.generate("sparkgate", "sparkgate", 365));

    X509Certificate ca = readCertificate(directory.caCertificate());
    X509Certificate leaf = readCertificate(directory.tlsCertificate());
    leaf.verify(ca.getPublicKey());

    assertThat(Files.readString(directory.tlsKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(directory.caKey())).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(directory.tlsCertificate())).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(PrivateKeys.keyMatchesCertificate(readPkcs8(directory.tlsKey()), leaf)).isTrue();
    assertThat(PrivateKeys.keyMatchesCertificate(readPkcs8(directory.caKey()), ca)).isTrue();
  }

  @Test
  void keysAreOwnerOnlyAndCertificatesWorldReadable() throws Exception {
    assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    CertificateDirectory directory = new CertificateDirectory(tmp);
    directory.write(generator.generate("sparkgate", "sparkgate", 1));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.tlsKey())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.caKey())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.tlsCertificate())))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void overwritesEarlierMaterialAndLeavesNoTemporaryFiles() throws Exception {
    CertificateDirectory directory = new CertificateDirectory(tmp);
    directory.write(generator.generate("sparkgate", "sparkgate", 1));
    String firstCertificate = Files.readString(directory.tlsCertificate());
    String firstKey = Files.readString(directory.tlsKey());

    directory.write(generator.generate("sparkgate", "sparkgate", 1));

    assertThat(Files.readString(directory.tlsCertificate())).isNotEqualTo(firstCertificate);
    assertThat(Files.readString(directory.tlsKey())).isNotEqualTo(firstKey);
    assertThat(directory.loadServingMaterial().leaf())
        .isEqualTo(readCertificate(directory.tlsCertificate()));
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("ca.crt", "ca.key", "tls.crt", "tls.key");
    }
  }

  static X509Certificate readCertificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static PrivateKey readPkcs8(Path file) throws Exception {
    String base64 = Files.readString(file)
        .replace("-----BEGIN PRIVATE KEY-----", "")
        .replace("-----END PRIVATE KEY-----", "")
        .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
