package io.sparkgate.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;

/** Writes the AdmissionReview the API server expects back. */
public final class AdmissionReviewEncoder {
  /** The API server truncates warnings past this many characters in total. */
  private static final int MAX_WARNING_CHARS = 4096;

  private final ObjectMapper mapper;

  public AdmissionReviewEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectNode toTree(AdmissionResponse response) {
    ObjectNode review = mapper.createObjectNode();
    review.put("apiVersion", AdmissionReviewDecoder.API_VERSION);
    review.put("kind", AdmissionReviewDecoder.KIND);
    ObjectNode body = review.putObject("response");
    body.put("uid", response.uid());
    body.put("allowed", response.allowed());
    if (!response.allowed()) {
      ObjectNode status = body.putObject("status");
      status.putObject("metadata");
      status.put("status", "Failure");
      status.put("message", response.message());
      status.put("reason", response.reason());
      status.put("code", Math.max(response.code(), 400));
    }
    if (response.patch() != null) {
      body.put("patchType", "JSONPatch");
      body.put("patch", Base64.getEncoder().encodeToString(response.patch()));
    }
    if (!response.warnings().isEmpty()) {
      ArrayNode warnings = body.putArray("warnings");
      int total = 0;
      int written = 0;
      for (String warning : response.warnings()) {
        if (total + warning.length() > MAX_WARNING_CHARS && written > 0) {
          warnings.add("(" + (response.warnings().size() - written) + " more warnings omitted)");
          break;
        }
        warnings.add(warning);
        total += warning.length();
        written++;
      }
    }
    if (!response.auditAnnotations().isEmpty()) {
      ObjectNode annotations = body.putObject("auditAnnotations");
      for (Map.Entry<String, String> entry : response.auditAnnotations().entrySet()) {
        annotations.put(AuditAnnotationKeys.forWebhook(entry.getKey()), entry.getValue());
      }
    }
    return review;
  }

  public byte[] encode(AdmissionResponse response) {
    try {
      return mapper.writeValueAsBytes(toTree(response));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode an AdmissionReview", e);
    }
  }
}
