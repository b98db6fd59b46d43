package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.policy.CompiledMutatingBinding;
import java.util.List;

/**
 * What one MutatingAdmissionPolicy binding did to an object: {@code invoked} when it matched and
 * its matchConditions held, the object after its mutations, and the errors of mutations that
 * failed ({@code denials} under failurePolicy Fail, {@code ignored} under Ignore).
 */
public record BindingMutation(
    CompiledMutatingBinding binding,
    boolean invoked,
    JsonNode object,
    List<String> denials,
    List<String> ignored) {}
