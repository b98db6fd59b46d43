package io.sparkgate.reliability;

import io.sparkgate.testing.Reviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.certs.CertificateDirectory;
import io.sparkgate.certs.CertificateGenerator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving certificate is replaced the clumsy way while every request makes a new TLS
 * handshake: the new key first (a pair that does not match), then half of the new certificate,
 * then the rest, with the server's 2 s poll seeing each state. Every handshake succeeds, with the
 * old pair until the new one is complete and with the new one after.
 */
class CertificateRotationUnderLoadTest {
  private static final Duration POLL = Duration.ofMillis(2_500);

  @Test
  void noHandshakeFailsWhileCertificateFilesAreReplaced(@TempDir Path dir) throws Exception {
    try (ReliabilityServer server = ReliabilityServer.start(dir, Reviews.REPLICAS_POLICY)) {
      Path next = Files.createDirectories(dir.resolve("next"));
      new CertificateDirectory(next).write(new CertificateGenerator().generate("sparkgate", "sparkgate", 30));
      // the caBundle of a CA rotation: old and new CA together
      try (LoadDriver driver = new LoadDriver(List.of(server.ca(), next.resolve("ca.crt")), server.port(), 8,
          Duration.ofSeconds(10), false)) {
        CompletableFuture<LoadResult> load = CompletableFuture.supplyAsync(() -> {
          try {
            return driver.closedLoop(4, Duration.ofSeconds(10), "/validate", i -> Reviews.deployment("c" + i, 1))
                .expecting(answer -> LoadDriver.isReviewAnswer(answer, true));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        Thread.sleep(1_000);
        Files.copy(next.resolve("tls.key"), server.certs.resolve("tls.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Thread.sleep(POLL.toMillis());
        byte[] certificate = Files.readAllBytes(next.resolve("tls.crt"));
        try (OutputStream out = Files.newOutputStream(server.certs.resolve("tls.crt"))) {
          out.write(certificate, 0, certificate.length / 2);
          out.flush();
          Thread.sleep(POLL.toMillis());
          out.write(certificate, certificate.length / 2, certificate.length - certificate.length / 2);
        }
        long swapWritten = System.nanoTime();
        try (LoadDriver newCaOnly = new LoadDriver(List.of(next.resolve("ca.crt")), server.port(), 1,
            Duration.ofSeconds(5), false)) {
          Await.until("the new certificate is served", Duration.ofSeconds(10),
              () -> newCaOnly.send("/validate", Reviews.deployment("new", 1)).join().status() == 200);
        }
        long swapMillis = (System.nanoTime() - swapWritten) / 1_000_000;
        LoadResult result = load.get();
        Figures.record("certificate-rotation", "new handshake per request: " + result + "; failed "
            + (result.failures() + result.serverErrors()) + "; new certificate served " + swapMillis
            + " ms after its file was complete");
        assertThat(result.failureSamples()).isEmpty();
        assertThat(result.unexpected()).isEmpty();
        assertThat(result.count()).isGreaterThan(20);
      }
    }
  }
}
