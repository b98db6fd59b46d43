package io.sparkgate.warmup;

import io.sparkgate.audit.Endpoint;

/** One AdmissionReview the warm-up sends, already encoded, and the endpoint it goes to. */
public record WarmupRequest(Endpoint endpoint, String description, byte[] body) {
  public String path() {
    return "/" + endpoint.wireName();
  }
}
