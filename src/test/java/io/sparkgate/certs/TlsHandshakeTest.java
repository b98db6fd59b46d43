package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real TLS handshake with the files as written: server key and chain, client trusting ca.crt only. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsHandshakeTest {
  private static final int SOCKET_TIMEOUT_MILLIS = 10_000;
  private static final char[] NO_PASSWORD = "unused".toCharArray();

  @TempDir static Path certs;

  private final ExecutorService serverThread = Executors.newSingleThreadExecutor();
  private SSLServerSocket server;
  private Future<Integer> served;

  @BeforeEach
  void startServerWithGeneratedMaterial() throws Exception {
    if (!Files.exists(certs.resolve("tls.crt"))) {
      DevCertificates.ensureServingCertificate(certs, "sparkgate", "sparkgate");
    }
    TlsMaterial material = new CertificateDirectory(certs).loadServingMaterial();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("serving", PrivateKeys.readPrivateKey(material.keyPem()), NO_PASSWORD,
        material.chain().toArray(X509Certificate[]::new));
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, NO_PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);

    server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    server.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
    served = serverThread.submit(this::echoIncrementedByte);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
    serverThread.shutdownNow();
  }

  @Test
  void clientTrustingOnlyCaCrtConnectsToLocalhost() throws Exception {
    assertThat(roundTrip(clientTrusting(certs.resolve("ca.crt")), "localhost", 41)).isEqualTo(42);
    assertThat(served.get(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(41);
  }

  @Test
  void serviceNameTheApiServerChecksIsAccepted() throws Exception {
    assertThat(roundTrip(clientTrusting(certs.resolve("ca.crt")), "sparkgate.sparkgate.svc", 7)).isEqualTo(8);
  }

  @Test
  void loopbackIpAddressIsAccepted() throws Exception {
    assertThat(roundTrip(clientTrusting(certs.resolve("ca.crt")), "127.0.0.1", 1)).isEqualTo(2);
  }

  @Test
  void aNameNotInTheCertificateIsRefused() {
    assertThatThrownBy(() -> roundTrip(clientTrusting(certs.resolve("ca.crt")), "example.com", 1))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("No subject alternative DNS name matching example.com");
  }

  @Test
  void aClientTrustingAnotherCaIsRefused(@TempDir Path other) throws Exception {
    new CertificateDirectory(other).write(new CertificateGenerator().generate("sparkgate", "sparkgate", 1));

    assertThatThrownBy(() -> roundTrip(clientTrusting(other.resolve("ca.crt")), "localhost", 1))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("PKIX path");
  }

  private Integer echoIncrementedByte() throws IOException {
    try (Socket socket = server.accept()) {
      socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      int received = socket.getInputStream().read();
      socket.getOutputStream().write(received + 1);
      socket.getOutputStream().flush();
      return received;
    }
  }

  /** Connects to 127.0.0.1 but verifies (and sends SNI for) {@code hostName}. */
  private int roundTrip(SSLContext client, String hostName, int value) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getLocalPort()),
        SOCKET_TIMEOUT_MILLIS);
    plain.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
        .createSocket(plain, hostName, server.getLocalPort(), true)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(value);
      out.flush();
      InputStream in = socket.getInputStream();
      return in.read();
    }
  }

  private static SSLContext clientTrusting(Path caFile) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", Certificates.parseLeaf(Files.readString(caFile)));
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }
}
