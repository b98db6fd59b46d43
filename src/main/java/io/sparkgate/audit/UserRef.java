package io.sparkgate.audit;

import java.util.List;
import java.util.Objects;

/** The requesting user as reported by the API server. */
public record UserRef(String username, List<String> groups) {
  public UserRef {
    username = Objects.requireNonNullElse(username, "");
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
