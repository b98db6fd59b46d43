package io.sparkgate.spark;

import io.sparkgate.admission.KubernetesNames;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The shapes of SparkTenant values that are names or URIs. */
final class TenantPatterns {
  static final Predicate<String> LABEL_VALUE = KubernetesNames::hasLabelValueShape;
  static final Predicate<String> DNS_SUBDOMAIN = KubernetesNames::hasDns1123SubdomainShape;
  static final Predicate<String> URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*").asMatchPredicate();

  private TenantPatterns() {}
}
