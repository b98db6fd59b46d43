package io.sparkgate.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for commands that have no version of their own to print. */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
