package io.sparkgate.decide;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.patch.JsonPatchOperation;
import java.util.List;

/**
 * The mutating phase's answer: the object after every mutation, the RFC 6902 patch from the
 * object as received to it (empty when nothing changed), or a denial.
 */
public record MutationDecision(
    boolean allowed,
    int code,
    String reason,
    String message,
    JsonNode object,
    List<JsonPatchOperation> patch,
    List<PolicyResult> results) {}
