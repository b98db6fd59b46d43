package io.sparkgate.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.admission.AdmissionReviewEncoder;
import io.sparkgate.admission.InvalidReviewException;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.enforce.PlatformApprovers;
import io.sparkgate.enforce.SparkEnforcement;
import io.sparkgate.evaluate.Explainer;
import io.sparkgate.evaluate.SafetyNet;
import io.sparkgate.policy.PolicySet;
import java.time.Clock;
import java.time.Instant;

/**
 * The path {@code eval} and {@code test} take: a review (or a bare object made into one) through
 * the same decoder, engine and encoder as the server.
 */
public final class OfflineAdmission {
  public static final int MAX_NESTING = 100;

  private final AdmissionReviewDecoder decoder = new AdmissionReviewDecoder(MAX_NESTING);
  private final AdmissionReviewEncoder encoder = new AdmissionReviewEncoder(decoder.mapper());
  private final AdmissionEngine engine;

  public OfflineAdmission() {
    this(PlatformApprovers.NONE);
  }

  /** @param approvers the platform's approvers of SparkPolicyExceptions, as {@code serve} would have them */
  public OfflineAdmission(PlatformApprovers approvers) {
    // offline answers never depend on the machine's speed: the cost limits only, no wall clock
    this.engine = new AdmissionEngine(SafetyNet.OFF, CelEnvironment.unsupportedAuthorizer(),
        new SparkEnforcement(approvers), Clock.systemUTC());
  }

  /**
   * @param document an AdmissionReview, or a bare object that {@code builder} turns into one
   * @return the AdmissionReview with the response
   */
  public ObjectNode respond(JsonNode document, ReviewBuilder builder, PolicySet set, Phase phase, Explainer explain)
      throws InvalidReviewException {
    return respond(document, builder, set, phase, explain, Instant.now());
  }

  /** The answer as it would be at {@code now}: exceptions expire against it. */
  public ObjectNode respond(JsonNode document, ReviewBuilder builder, PolicySet set, Phase phase, Explainer explain,
      Instant now) throws InvalidReviewException {
    return encoder.toTree(review(document, builder, set, phase, explain, now).response());
  }

  /** The same evaluation, with what each policy binding contributed ({@code scan} reports these). */
  public Review review(JsonNode document, ReviewBuilder builder, PolicySet set, Phase phase, Explainer explain,
      Instant now) throws InvalidReviewException {
    JsonNode review = ReviewBuilder.isReview(document) ? document : builder.build(document);
    AdmissionRequest request = decoder.decode(review);
    return engine.review(request, set, phase, explain, now);
  }

  public ObjectMapper mapper() {
    return decoder.mapper();
  }
}
