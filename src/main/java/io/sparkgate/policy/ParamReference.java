package io.sparkgate.policy;

import io.sparkgate.match.LabelSelectorPredicate;

/** A binding's paramRef: by name, or by selector; {@code namespace} empty for the request's. */
public record ParamReference(
    String name, String namespace, LabelSelectorPredicate selector, boolean denyWhenNotFound) {}
