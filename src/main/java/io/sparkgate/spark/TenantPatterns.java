package io.sparkgate.spark;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The shapes of SparkTenant values that are names or URIs. */
final class TenantPatterns {
  static final Predicate<String> LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?").asMatchPredicate();
  static final Predicate<String> DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*").asMatchPredicate();
  static final Predicate<String> URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*").asMatchPredicate();

  private TenantPatterns() {}
}
