package io.sparkgate.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.policy.CompiledMutatingBinding;
import java.util.List;

/**
 * What one MutatingAdmissionPolicy binding did to an object: {@code invoked} when it matched and
 * its matchConditions held, the object after its mutations, and the errors of mutations that
 * failed ({@code denials} under failurePolicy Fail, {@code ignored} under Ignore).
 * {@code misconfigured} when the binding could not be set up (its params not found, say): its
 * errors are then the binding's configuration errors, which Kubernetes reports differently.
 */
public record BindingMutation(
    CompiledMutatingBinding binding,
    boolean invoked,
    JsonNode object,
    List<String> denials,
    List<String> ignored,
    boolean misconfigured) {}
