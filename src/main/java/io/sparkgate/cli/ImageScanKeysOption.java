package io.sparkgate.cli;

import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --image-scan-keys FILE|DIR}: the trusted image scan keys, the same for every command. */
final class ImageScanKeysOption {
  @Option(names = "--image-scan-keys", paramLabel = "FILE|DIR",
      description = "Trust image scan records signed by the Ed25519 public keys (PEM) in this file, or in every file "
          + "of this directory (a mounted ConfigMap); repeatable; read again with the policies.")
  List<Path> paths = new ArrayList<>();

  PolicySetLoader applyTo(PolicySetLoader loader) {
    return loader.withImageScanKeys(paths);
  }
}
