package io.sparkgate.engine;

import io.sparkgate.admission.AdmissionResponse;
import io.sparkgate.decide.PolicyResult;
import java.util.List;

/** The engine's answer to one request: the response to send, and what each policy contributed. */
public record Review(AdmissionResponse response, List<PolicyResult> results, String policySetHash) {}
