package io.sparkgate.engine;

import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.decide.PolicyResult;
import java.util.List;

/**
 * The engine's answer to one request: the response to send, what each policy contributed, and the
 * JSON Pointer paths the response's patch touches (for the audit log, without reading the patch back).
 */
public record Review(AdmissionResponse response, List<PolicyResult> results, String policySetHash,
    List<String> patchPaths) {

  public Review {
    patchPaths = List.copyOf(patchPaths);
  }

  /** A review whose response carries no patch. */
  public Review(AdmissionResponse response, List<PolicyResult> results, String policySetHash) {
    this(response, results, policySetHash, List.of());
  }
}
