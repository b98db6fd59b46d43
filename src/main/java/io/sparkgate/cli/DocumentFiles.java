package io.sparkgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the first JSON or YAML document of an input file given on the command line. */
final class DocumentFiles {
  private DocumentFiles() {}

  static JsonNode readOne(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      List<SourceDocument> documents = new YamlDocumentReader().read(file, text);
      if (documents.isEmpty()) {
        throw new IOException(file + ": the file holds no document");
      }
      return documents.get(0).tree();
    } catch (YamlDocumentReader.UnreadableDocumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
