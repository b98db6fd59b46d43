package io.sparkgate.cel.library;

import com.google.re2j.Pattern;
import io.sparkgate.admission.KubernetesNames;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Kubernetes validators behind the named formats, with their messages (apimachinery 1.34:
 * {@code k8s.io/apimachinery/pkg/util/validation} and {@code .../api/validation}, and
 * kube-openapi's strfmt). Lengths are counted in UTF-8 bytes as Go does. All patterns are
 * compiled once, here.
 */
final class KubeNameValidation {

  private static final String DNS1123_LABEL_FMT = KubernetesNames.DNS1123_LABEL;
  private static final String DNS1123_LABEL_ERR =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character";
  private static final int DNS1123_LABEL_MAX = 63;

  private static final String DNS1123_SUBDOMAIN_FMT = KubernetesNames.DNS1123_SUBDOMAIN;
  private static final String DNS1123_SUBDOMAIN_ERR =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final int DNS1123_SUBDOMAIN_MAX = 253;

  private static final String DNS1035_LABEL_FMT = KubernetesNames.DNS1035_LABEL;
  private static final String DNS1035_LABEL_ERR =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character";
  private static final int DNS1035_LABEL_MAX = 63;

  private static final String QUALIFIED_NAME_FMT = KubernetesNames.QUALIFIED_NAME;
  private static final String QUALIFIED_NAME_ERR =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final int QUALIFIED_NAME_MAX = 63;

  private static final String LABEL_VALUE_FMT = KubernetesNames.LABEL_VALUE;
  private static final String LABEL_VALUE_ERR =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final int LABEL_VALUE_MAX = 63;

  private static final Pattern DNS1123_LABEL = anchored(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = anchored(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = anchored(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = anchored(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = anchored(LABEL_VALUE_FMT);
  private static final Pattern UUID =
      Pattern.compile(
          "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern BASE64 =
      Pattern.compile(
          "^(?:[A-Za-z0-9+\\/]{4})*(?:[A-Za-z0-9+\\/]{2}==|[A-Za-z0-9+\\/]{3}=|[A-Za-z0-9+\\/]{4})$");
  private static final Pattern FULL_DATE = Pattern.compile("^([0-9]{4})-([0-9]{2})-([0-9]{2})$");
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$");

  private KubeNameValidation() {}

  private static Pattern anchored(String format) {
    return Pattern.compile("^" + format + "$");
  }

  static List<String> dns1123Label(String value) {
    List<String> errors = new ArrayList<>();
    if (byteLength(value) > DNS1123_LABEL_MAX) {
      errors.add(maxLength(DNS1123_LABEL_MAX));
    }
    if (!DNS1123_LABEL.matcher(value).find()) {
      if (DNS1123_SUBDOMAIN.matcher(value).find()) {
        errors.add("must not contain dots");
      } else {
        errors.add(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errors;
  }

  static List<String> dns1123Subdomain(String value) {
    List<String> errors = new ArrayList<>();
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) {
      errors.add(maxLength(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).find()) {
      errors.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errors;
  }

  static List<String> dns1035Label(String value) {
    List<String> errors = new ArrayList<>();
    if (byteLength(value) > DNS1035_LABEL_MAX) {
      errors.add(maxLength(DNS1035_LABEL_MAX));
    }
    if (!DNS1035_LABEL.matcher(value).find()) {
      errors.add(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errors;
  }

  /**
   * For names that will get a generated suffix: a trailing '-' is allowed. Kubernetes' helper
   * replaces the last two characters with "a", which this keeps (it only shortens the value).
   */
  static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }

  static List<String> qualifiedName(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errors.add("prefix part must be non-empty");
        } else {
          for (String message : dns1123Subdomain(prefix)) {
            errors.add("prefix part " + message);
          }
        }
      }
      default -> {
        errors.add(
            "a qualified name "
                + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errors;
      }
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (byteLength(name) > QUALIFIED_NAME_MAX) {
      errors.add("name part " + maxLength(QUALIFIED_NAME_MAX));
    }
    if (!QUALIFIED_NAME.matcher(name).find()) {
      errors.add(
          "name part "
              + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  static List<String> labelValue(String value) {
    List<String> errors = new ArrayList<>();
    if (byteLength(value) > LABEL_VALUE_MAX) {
      errors.add(maxLength(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE.matcher(value).find()) {
      errors.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  static List<String> uri(String value) {
    try {
      GoUrlParser.parseRequestUri(value);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  static List<String> uuid(String value) {
    return UUID.matcher(value).find() ? List.of() : List.of("does not match the UUID format");
  }

  static List<String> base64(String value) {
    return BASE64.matcher(value).find() ? List.of() : List.of("invalid base64");
  }

  static List<String> date(String value) {
    return isDate(value) ? List.of() : List.of("invalid date");
  }

  static List<String> dateTime(String value) {
    return isDateTime(value) ? List.of() : List.of("invalid datetime");
  }

  /** Go's {@code time.Parse("2006-01-02", s)}: the day must exist in that month. */
  private static boolean isDate(String value) {
    var matcher = FULL_DATE.matcher(value);
    if (!matcher.find()) {
      return false;
    }
    try {
      LocalDate.of(
          Integer.parseInt(matcher.group(1)),
          Integer.parseInt(matcher.group(2)),
          Integer.parseInt(matcher.group(3)));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** kube-openapi's {@code IsDateTime}: a date, a 't', and a time of day with offset or 'z'. */
  private static boolean isDateTime(String value) {
    if (value.length() < 4) {
      return false;
    }
    String[] parts = value.toLowerCase(Locale.ROOT).split("t", -1);
    if (parts.length < 2 || !isDate(parts[0])) {
      return false;
    }
    var matcher = TIME_OF_DAY.matcher(parts[1]);
    if (!matcher.find()) {
      return false;
    }
    return matcher.group(1).compareTo("23") <= 0
        && matcher.group(2).compareTo("59") <= 0
        && matcher.group(3).compareTo("59") <= 0;
  }

  private static int byteLength(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String maxLength(int length) {
    return "must be no more than " + length + " characters";
  }

  private static String regexError(String message, String format, String... examples) {
    StringBuilder s = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(format).append("')").toString();
  }
}
