package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkgate.certs.CertificateGenerator;
import io.sparkgate.certs.GeneratedCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --client-ca, only clients with a certificate signed by that CA are served. */
class MutualTlsTest {
  @Test
  void refusesClientsWithoutACertificateAndServesOnesWithAValidOne(@TempDir Path dir) throws Exception {
    GeneratedCertificates clientPki = new CertificateGenerator().generate("api-server", "kube-system", 1);
    Path clientCa = dir.resolve("client-ca.crt");
    Files.writeString(clientCa, clientPki.caCertificatePem());
    GeneratedCertificates otherPki = new CertificateGenerator().generate("intruder", "elsewhere", 1);
    Path certs = dir.resolve("certs");
    ServerConfig config = ServerConfig.local(dir.resolve("policies"), certs, TestServer.freePort(), TestServer.freePort())
        .withClientCa(clientCa);
    Vertx vertx = Vertx.vertx();
    try (TestServer server = TestServer.start(dir, AdmissionServerTest.POLICY, config)) {
      String caBundle = Files.readString(certs.resolve("ca.crt"));
      ClientCertificates good = ClientCertificates.issue(clientPki.caCertificatePem(), clientPki.caKeyPem(), "kube-apiserver");
      ClientCertificates forged = ClientCertificates.issue(otherPki.caCertificatePem(), otherPki.caKeyPem(), "kube-apiserver");

      assertThat(call(vertx, server, caBundle, good)).isEqualTo(200);
      assertThatThrownBy(() -> call(vertx, server, caBundle, null)).hasStackTraceContaining("SSL");
      assertThatThrownBy(() -> call(vertx, server, caBundle, forged)).hasStackTraceContaining("SSL");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static int call(Vertx vertx, TestServer server, String caBundle, ClientCertificates identity) throws Exception {
    HttpClientOptions options = new HttpClientOptions().setSsl(true).setKeepAlive(false)
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caBundle)));
    if (identity != null) {
      options.setKeyCertOptions(new PemKeyCertOptions()
          .setCertValue(Buffer.buffer(identity.certificatePem()))
          .setKeyValue(Buffer.buffer(identity.keyPem())));
    }
    HttpClient client = vertx.createHttpClient(options);
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
        .setPort(server.server.port()).setURI("/validate").putHeader("Content-Type", "application/json");
    return client.request(request)
        .compose(r -> r.send(Buffer.buffer(AdmissionServerTest.deployment("mtls", "prod", 1))))
        .compose(response -> response.body().map(body -> response.statusCode()))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
