package io.sparkgate.policy;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The policy files below a directory: {@code *.yaml}, {@code *.yml}, {@code *.json}, recursively,
 * in a stable order. Names starting with a dot are skipped, which is what makes a ConfigMap mount
 * read once: its files are symlinks into {@code ..data}, itself a symlink to a {@code ..<timestamp>}
 * directory that is swapped atomically.
 */
public final class PolicyFiles {
  private PolicyFiles() {}

  public static List<Path> list(Path root) throws IOException {
    if (Files.isRegularFile(root)) {
      return List.of(root);
    }
    if (!Files.isDirectory(root)) {
      throw new IOException("policy directory " + root + " does not exist or is not a directory");
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, 20, FileVisitOption.FOLLOW_LINKS)) {
      walk.filter(path -> !hidden(root, path))
          .filter(Files::isRegularFile)
          .filter(PolicyFiles::isPolicyFile)
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  private static boolean hidden(Path root, Path path) {
    for (Path part : root.relativize(path)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPolicyFile(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
