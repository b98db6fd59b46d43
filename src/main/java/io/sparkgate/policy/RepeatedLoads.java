package io.sparkgate.policy;

import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader.UnreadableDocumentException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a loader keeps when the same files are loaded again and again in one run ({@code test}: every
 * suite loads the pack): the documents of a file, by its path and text, and the compiled form of
 * each such document. A file read again with the same text gives the very same documents, so its
 * policies are compiled once. Loads may run on several threads: two that meet a new file at the
 * same moment may both read or compile it, and one result is kept. Held for one run only; the
 * server does not keep it (reloads read changed files, and an entry would outlive them).
 */
final class RepeatedLoads {
  private record FileText(Path file, String text) {}

  /** Reads the documents of one file. */
  interface FileReader {
    List<SourceDocument> read(Path file, String text) throws UnreadableDocumentException;
  }

  private final Map<FileText, List<SourceDocument>> documents = new ConcurrentHashMap<>();
  private final Map<SourceDocument, Object> compiled = Collections.synchronizedMap(new IdentityHashMap<>());

  /** The documents of a file read before with the same text, else those {@code read} gives. */
  List<SourceDocument> documents(Path file, String text, FileReader reader) throws UnreadableDocumentException {
    FileText key = new FileText(file, text);
    List<SourceDocument> known = documents.get(key);
    if (known == null) {
      List<SourceDocument> read = List.copyOf(reader.read(file, text));
      known = documents.putIfAbsent(key, read);
      if (known == null) {
        known = read;
      }
    }
    return known;
  }

  /** The compiled form of a document met before, else what {@code compile} gives. */
  @SuppressWarnings("unchecked")
  <T> T compiled(SourceDocument document, Function<SourceDocument, T> compile) {
    Object known = compiled.get(document);
    if (known == null) {
      known = compile.apply(document);
      if (known != null) {
        compiled.put(document, known);
      }
    }
    return (T) known;
  }
}
