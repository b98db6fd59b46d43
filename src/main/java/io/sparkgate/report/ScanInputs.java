package io.sparkgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the objects to scan: files, directories (every {@code .yaml}, {@code .yml} and
 * {@code .json} below, in name order) and {@code -} for standard input; multi-document YAML and
 * Lists ({@code kubectl get -A -o yaml}) are opened into their items.
 */
public final class ScanInputs {
  /** Names the place of the first input that cannot be scanned. */
  public static final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
      super(message);
    }
  }

  private static final Path STDIN = Path.of("<stdin>");

  private final YamlDocumentReader reader = new YamlDocumentReader();
  private final InputStream stdin;

  public ScanInputs(InputStream stdin) {
    this.stdin = stdin;
  }

  public List<ScannedObject> read(List<String> paths) throws BadInputException {
    List<ScannedObject> objects = new ArrayList<>();
    for (String path : paths) {
      if (path.equals("-")) {
        readText(STDIN, readStdin(), objects);
      } else {
        readPath(Path.of(path), objects);
      }
    }
    return objects;
  }

  private String readStdin() throws BadInputException {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException("<stdin>: " + e.getMessage());
    }
  }

  private void readPath(Path path, List<ScannedObject> objects) throws BadInputException {
    if (!Files.exists(path)) {
      throw new BadInputException(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      readFile(path, objects);
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files = walk.filter(Files::isRegularFile).filter(ScanInputs::isDocumentFile).sorted().toList();
    } catch (IOException e) {
      throw new BadInputException(path + ": " + e.getMessage());
    }
    for (Path file : files) {
      readFile(file, objects);
    }
  }

  private static boolean isDocumentFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private void readFile(Path file, List<ScannedObject> objects) throws BadInputException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot be read: " + e.getMessage());
    }
    readText(file, text, objects);
  }

  private void readText(Path file, String text, List<ScannedObject> objects) throws BadInputException {
    List<SourceDocument> documents;
    try {
      documents = reader.read(file, text);
    } catch (YamlDocumentReader.UnreadableDocumentException e) {
      throw new BadInputException(e.getMessage());
    }
    for (SourceDocument document : documents) {
      JsonNode tree = document.tree();
      if (tree == null || tree.isNull()) {
        continue;
      }
      if (isList(tree)) {
        JsonNode items = tree.path("items");
        for (int i = 0; i < items.size(); i++) {
          add(items.get(i), document.positionOf("/items/" + i).toString(), objects);
        }
      } else {
        add(tree, document.positionOf("").toString(), objects);
      }
    }
  }

  private static boolean isList(JsonNode tree) {
    return tree.isObject() && tree.path("kind").asText("").endsWith("List") && tree.path("items").isArray();
  }

  private static void add(JsonNode tree, String source, List<ScannedObject> objects) throws BadInputException {
    if (!tree.isObject()) {
      throw new BadInputException(source + ": a document must be an object");
    }
    ScannedObject object = new ScannedObject(tree, source);
    if (object.apiVersion().isEmpty() || object.kind().isEmpty()) {
      throw new BadInputException(source + ": the object has no apiVersion or kind");
    }
    if (object.name().isEmpty()) {
      throw new BadInputException(source + ": " + object.kind() + " has no metadata.name");
    }
    objects.add(object);
  }
}
