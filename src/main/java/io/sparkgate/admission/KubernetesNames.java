package io.sparkgate.admission;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The shapes of Kubernetes names and label values (apimachinery's {@code pkg/util/validation}), the
 * one copy of each regular expression: the CEL named formats compile them for RE2, the rest of
 * Sparkgate matches with the predicates here.
 */
public final class KubernetesNames {
  public static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  public static final int DNS1123_LABEL_MAX_LENGTH = 63;
  public static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
  public static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
  public static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  public static final String LABEL_VALUE = "(" + QUALIFIED_NAME + ")?";
  public static final int LABEL_VALUE_MAX_LENGTH = 63;

  private static final Predicate<String> DNS1123_LABEL_SHAPE = Pattern.compile(DNS1123_LABEL).asMatchPredicate();
  private static final Predicate<String> DNS1123_SUBDOMAIN_SHAPE =
      Pattern.compile(DNS1123_SUBDOMAIN).asMatchPredicate();
  private static final Predicate<String> LABEL_VALUE_SHAPE = Pattern.compile(LABEL_VALUE).asMatchPredicate();

  private KubernetesNames() {}

  /** An RFC 1123 label: Service and Namespace names. */
  public static boolean isDns1123Label(String value) {
    return value.length() <= DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL_SHAPE.test(value);
  }

  /** The shape of an RFC 1123 subdomain, length not checked. */
  public static boolean hasDns1123SubdomainShape(String value) {
    return DNS1123_SUBDOMAIN_SHAPE.test(value);
  }

  /** The shape of a label value, length not checked. */
  public static boolean hasLabelValueShape(String value) {
    return LABEL_VALUE_SHAPE.test(value);
  }
}
