package io.sparkgate.policy;

import io.sparkgate.match.LabelSelectorPredicate;

/**
 * A binding's paramRef: by name, or by selector; {@code namespace} empty for the request's.
 * {@code notFoundMessage}, from the binding's {@code sparkgate.io/params-not-found-message}
 * annotation, replaces the Kubernetes text of a Deny for missing params ({@code {namespace}} is
 * filled in); null keeps the Kubernetes text.
 */
public record ParamReference(
    String name, String namespace, LabelSelectorPredicate selector, boolean denyWhenNotFound,
    String notFoundMessage) {
  public static final String NOT_FOUND_MESSAGE_ANNOTATION = "sparkgate.io/params-not-found-message";
}
