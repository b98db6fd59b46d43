package io.sparkgate.certs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of key normalisation: Vert.x refuses SEC1 keys (as cert-manager writes them for ECDSA),
 * and serves the same key once {@link TlsMaterial} has turned it into PKCS#8.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VertxServesNormalisedKeyTest {
  @TempDir Path tmp;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void httpsServerStartsWithACertManagerStyleKey() throws Exception {
    GeneratedCertificates generated = new CertificateGenerator().generate("sparkgate", "sparkgate", 1);
    Files.writeString(tmp.resolve("tls.crt"), generated.servingCertificatePem());
    Files.writeString(tmp.resolve("tls.key"), PrivateKeysTest.sec1AsOpensslAndGoWriteIt(
        new KeyPair(generated.servingCertificate().getPublicKey(), generated.servingKey())));
    TlsMaterial material = TlsMaterial.load(tmp.resolve("tls.crt"), tmp.resolve("tls.key"));

    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(material.chainPem()))
                .setKeyValue(Buffer.buffer(material.keyPem()))))
        .requestHandler(request -> request.response().end("served"))
        .listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    HttpClient client = HttpClient.newBuilder()
        .sslContext(clientTrusting(generated))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.actualPort() + "/"))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("served");
  }

  private static SSLContext clientTrusting(GeneratedCertificates generated) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", generated.caCertificate());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }
}
