package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.InvalidReviewException;
import java.util.Set;

/**
 * Any bytes given to the decoder give a request that satisfies what the engine relies on, or an
 * InvalidReviewException with a 4xx status and a message; never another exception.
 * Regression mode runs the seeds in AdmissionReviewDecoderFuzzTestInputs; see RELIABILITY.md for
 * a fuzzing run.
 */
class AdmissionReviewDecoderFuzzTest {
  private static final AdmissionReviewDecoder DECODER = new AdmissionReviewDecoder(100);
  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

  @FuzzTest(maxDuration = "3m")
  void decodesOrRejectsAnyBytes(byte[] body) {
    AdmissionRequest request;
    try {
      request = DECODER.decode(body);
    } catch (InvalidReviewException rejected) {
      assertThat(rejected.status()).isBetween(400, 499);
      assertThat(rejected.getMessage()).isNotBlank();
      return;
    }
    assertThat(request.uid()).isNotEmpty();
    assertThat(OPERATIONS).contains(request.operation());
    assertThat(request.kind().kind()).isNotEmpty();
    assertThat(request.resource().resource()).isNotEmpty();
    if (request.operation().equals("CREATE") || request.operation().equals("UPDATE")) {
      assertThat(request.object()).isNotNull();
    }
  }
}
