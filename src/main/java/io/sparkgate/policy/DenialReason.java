package io.sparkgate.policy;

import java.util.Optional;

/** A validation's {@code reason} and the HTTP code Kubernetes answers it with. */
public enum DenialReason {
  INVALID("Invalid", 422),
  FORBIDDEN("Forbidden", 403),
  UNAUTHORIZED("Unauthorized", 401),
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413);

  private final String text;
  private final int code;

  DenialReason(String text, int code) {
    this.text = text;
    this.code = code;
  }

  public String text() {
    return text;
  }

  public int code() {
    return code;
  }

  public static Optional<DenialReason> parse(String text) {
    for (DenialReason reason : values()) {
      if (reason.text.equals(text)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }
}
