package io.sparkgate.policy;

import io.sparkgate.images.ImageScanKeys;
import io.sparkgate.policy.source.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The trusted scan keys given as a server setting ({@code --image-scan-keys FILE|DIR}): PEM files,
 * each with one or more Ed25519 {@code PUBLIC KEY} blocks. A directory gives every file in it whose
 * name does not start with a dot, which reads a mounted ConfigMap or Secret once (through its
 * {@code ..data} symlink). A file that holds anything else is an error at its line.
 */
final class ImageScanKeyFiles {
  private static final long MAX_FILE_BYTES = 1024 * 1024;
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";

  private ImageScanKeyFiles() {}

  /** The files the given paths name, in a stable order. */
  static List<Path> list(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> entries = Files.list(path)) {
          entries.filter(file -> !file.getFileName().toString().startsWith("."))
              .filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else {
        throw new IOException("image scan keys " + path + " is neither a file nor a directory");
      }
    }
    return files;
  }

  /** The texts of the key files, keyed by path (part of the policy set's hash). */
  static Map<Path, String> read(List<Path> paths, List<LoadIssue> issues) {
    Map<Path, String> texts = new LinkedHashMap<>();
    List<Path> files;
    try {
      files = list(paths);
    } catch (IOException e) {
      issues.add(new LoadIssue(Severity.ERROR, SourcePosition.startOf(paths.get(0)), e.getMessage()));
      return texts;
    }
    for (Path file : files) {
      try {
        if (Files.size(file) > MAX_FILE_BYTES) {
          issues.add(new LoadIssue(Severity.ERROR, SourcePosition.startOf(file),
              "an image scan key file may have at most " + MAX_FILE_BYTES + " bytes"));
          continue;
        }
        texts.put(file, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        issues.add(new LoadIssue(Severity.ERROR, SourcePosition.startOf(file), "cannot read image scan keys: " + e));
      }
    }
    return texts;
  }

  /** The keys in the texts; each problem is an error at its line. */
  static List<Ed25519PublicKeyParameters> keys(Map<Path, String> texts, List<LoadIssue> issues) {
    List<Ed25519PublicKeyParameters> keys = new ArrayList<>();
    texts.forEach((file, text) -> keys.addAll(keysOf(file, text, issues)));
    return keys;
  }

  private static List<Ed25519PublicKeyParameters> keysOf(Path file, String text, List<LoadIssue> issues) {
    List<Ed25519PublicKeyParameters> keys = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    int blocks = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("ssh-ed25519 ")) {
        issues.add(error(file, i, "an OpenSSH public key; give it as PEM (ssh-keygen -e -m PKCS8 -f KEY.pub)"));
        blocks++;
        continue;
      }
      if (!line.startsWith(BEGIN)) {
        continue;
      }
      blocks++;
      int start = i;
      StringBuilder block = new StringBuilder();
      while (i < lines.length) {
        block.append(lines[i].strip()).append('\n');
        if (lines[i].strip().startsWith(END)) {
          break;
        }
        i++;
      }
      if (line.contains("PRIVATE KEY")) {
        issues.add(error(file, start, "a private key: give the public key only (openssl pkey -in KEY -pubout)"));
        continue;
      }
      try {
        keys.add(ImageScanKeys.parsePublicKey(block.toString()));
      } catch (IOException | RuntimeException e) {
        issues.add(error(file, start, "not an Ed25519 public key in PEM: " + e.getMessage()));
      }
    }
    if (blocks == 0) {
      issues.add(new LoadIssue(Severity.ERROR, SourcePosition.startOf(file),
          "no PEM PUBLIC KEY block: an image scan key file holds Ed25519 public keys (openssl pkey -in KEY -pubout)"));
    }
    return keys;
  }

  private static LoadIssue error(Path file, int lineIndex, String message) {
    return new LoadIssue(Severity.ERROR, new SourcePosition(file, lineIndex + 1, 1), message);
  }
}
