package io.sparkgate.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * One HTTP answer as read off the wire, and what kind of answer it is. Status 0 means no answer:
 * the connection was closed or timed out first ({@code failure} says which).
 */
record RawAnswer(int status, Map<String, String> headers, String body, long nanos, String failure) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static RawAnswer none(String failure, long nanos) {
    return new RawAnswer(0, Map.of(), "", nanos, failure);
  }

  boolean isClientError() {
    return status >= 400 && status < 500;
  }

  boolean isServerError() {
    return status >= 500;
  }

  /** A 4xx whose JSON body has the status as code and a non-blank reason. */
  boolean isClearClientError() {
    if (!isClientError()) {
      return false;
    }
    JsonNode json = json();
    return json != null && json.path("code").asInt() == status && !json.path("reason").asText("").isBlank();
  }

  /** A 200 carrying an admission.k8s.io/v1 AdmissionReview response for {@code uid}. */
  boolean isAdmissionReviewFor(String uid) {
    if (status != 200) {
      return false;
    }
    JsonNode json = json();
    if (json == null) {
      return false;
    }
    JsonNode response = json.path("response");
    return "admission.k8s.io/v1".equals(json.path("apiVersion").asText())
        && "AdmissionReview".equals(json.path("kind").asText())
        && uid.equals(response.path("uid").asText())
        && response.path("allowed").isBoolean()
        && (response.path("allowed").asBoolean() || response.path("status").path("code").asInt() >= 400);
  }

  JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  double millis() {
    return nanos / 1e6;
  }

  @Override
  public String toString() {
    return status == 0 ? "no answer (" + failure + ")" : status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }
}
