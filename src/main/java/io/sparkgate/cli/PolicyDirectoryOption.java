package io.sparkgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --policies DIR}: the policy directory, the same option for every command that loads one. */
public final class PolicyDirectoryOption {
  @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
      description = "Policy directory (default: ${DEFAULT-VALUE}).")
  public Path directory;
}
