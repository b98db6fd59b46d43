package io.sparkgate.enforce;

import java.util.List;

/**
 * The platform's approvers of SparkPolicyExceptions in every namespace (server flags
 * {@code --exception-approver-user} and {@code --exception-approver-group}), beside each tenant's
 * own {@code spec.exceptions.approvers}.
 */
public record PlatformApprovers(List<String> users, List<String> groups) {
  public static final PlatformApprovers NONE = new PlatformApprovers(List.of(), List.of());

  public PlatformApprovers {
    users = users == null ? List.of() : List.copyOf(users);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  public boolean approves(String user, List<String> userGroups) {
    return users.contains(user) || userGroups.stream().anyMatch(groups::contains);
  }

  public boolean isEmpty() {
    return users.isEmpty() && groups.isEmpty();
  }
}
