package io.sparkgate.policy.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML (and JSON, a subset of it) into Jackson trees, remembering where every node stands
 * so that problems can be reported as {@code FILE:LINE:COL}.
 */
public final class YamlDocumentReader {
  /** Upper bound on one policy file, in characters. */
  public static final int MAX_FILE_CHARS = 8 * 1024 * 1024;
  /**
   * Upper bound on one line. SnakeYAML re-copies its read window for every block it reads inside
   * one token, so a token of n characters costs n²/1024 copies: 15-25 s for a 7 MB single-line
   * file, 0.3 s at this bound. A ConfigMap (how policies reach a cluster) holds at most 1 MiB.
   */
  public static final int MAX_LINE_CHARS = 1024 * 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Thrown with the position of the first problem of a document that cannot be read. */
  public static final class UnreadableDocumentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient SourceIssue issue;

    UnreadableDocumentException(SourceIssue issue) {
      super(issue.toString());
      this.issue = issue;
    }

    public SourceIssue issue() {
      return issue;
    }
  }

  public List<SourceDocument> read(Path file, String text) throws UnreadableDocumentException {
    return read(file, text, java.util.function.UnaryOperator.identity());
  }

  /**
   * Reads every document, passing each through {@code each} as soon as it is read (to drop what a
   * caller will not need before the next document is read: a file may hold thousands).
   */
  public List<SourceDocument> read(Path file, String text, java.util.function.UnaryOperator<SourceDocument> each)
      throws UnreadableDocumentException {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).length() > MAX_LINE_CHARS) {
        throw new UnreadableDocumentException(new SourceIssue(new SourcePosition(file, i + 1, MAX_LINE_CHARS + 1),
            "line " + (i + 1) + " has " + lines.get(i).length() + " characters; a line may have at most "
                + MAX_LINE_CHARS + ": break it (YAML and JSON allow line breaks between values)"));
      }
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(200);
    options.setCodePointLimit(MAX_FILE_CHARS);
    Yaml yaml = new Yaml(options);
    List<SourceDocument> documents = new ArrayList<>();
    Shared shared = new Shared();
    try {
      for (Node root : yaml.composeAll(new StringReader(text))) {
        if (root == null) {
          continue;
        }
        Map<String, ScalarLocation> locations = new HashMap<>();
        JsonNode tree = convert(root, "", file, lines, locations, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()), shared);
        if (tree.isNull()) {
          continue;
        }
        documents.add(each.apply(new SourceDocument(file, tree, Map.copyOf(locations))));
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      SourcePosition position =
          mark == null
              ? SourcePosition.startOf(file)
              : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new UnreadableDocumentException(new SourceIssue(position, "invalid YAML: " + problem));
    } catch (YAMLException e) {
      throw new UnreadableDocumentException(
          new SourceIssue(SourcePosition.startOf(file), "invalid YAML: " + e.getMessage()));
    }
    return documents;
  }

  /**
   * @param ancestors the collections being converted above this node: an alias to one of them
   *     (e.g. {@code a: &a [*a]}) would make the tree infinite
   */
  private JsonNode convert(
      Node node, String pointer, Path file, List<String> lines, Map<String, ScalarLocation> out,
      java.util.Set<Node> ancestors, Shared shared)
      throws UnreadableDocumentException {
    Mark start = node.getStartMark();
    if (!(node instanceof ScalarNode) && !ancestors.add(node)) {
      throw issue(file, start, "recursive alias: a collection may not contain itself");
    }
    try {
      return convertCollectionOrScalar(node, pointer, file, lines, out, ancestors, start, shared);
    } finally {
      ancestors.remove(node);
    }
  }

  private JsonNode convertCollectionOrScalar(
      Node node, String pointer, Path file, List<String> lines, Map<String, ScalarLocation> out,
      java.util.Set<Node> ancestors, Mark start, Shared shared)
      throws UnreadableDocumentException {
    out.put(pointer, new ScalarLocation(file, start.getLine(), start.getColumn(), styleOf(node), lines));
    if (node instanceof MappingNode mapping) {
      ObjectNode object = NODES.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
          throw issue(file, tuple.getKeyNode().getStartMark(), "mapping keys must be strings");
        }
        String key = shared.key(keyNode.getValue());
        if (object.has(key)) {
          throw issue(file, keyNode.getStartMark(), "duplicate key \"" + key + "\"");
        }
        String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
        object.set(key, convert(tuple.getValueNode(), childPointer, file, lines, out, ancestors, shared));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      int index = 0;
      for (Node item : sequence.getValue()) {
        array.add(convert(item, pointer + "/" + index++, file, lines, out, ancestors, shared));
      }
      return array;
    }
    return shared.value(scalar((ScalarNode) node, file));
  }

  private JsonNode scalar(ScalarNode node, Path file) throws UnreadableDocumentException {
    String value = node.getValue();
    Tag tag = node.getTag();
    if (node.isPlain()) {
      if (Tag.NULL.equals(tag)) {
        return NODES.nullNode();
      }
      if (Tag.BOOL.equals(tag)) {
        return NODES.booleanNode(isTrue(value));
      }
      if (Tag.INT.equals(tag)) {
        return integer(value, node, file);
      }
      if (Tag.FLOAT.equals(tag)) {
        return floating(value, node, file);
      }
    }
    return NODES.textNode(value);
  }

  private static boolean isTrue(String value) {
    String v = value.toLowerCase(java.util.Locale.ROOT);
    return v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y");
  }

  private JsonNode integer(String value, ScalarNode node, Path file) throws UnreadableDocumentException {
    String digits = value.replace("_", "");
    try {
      BigInteger number;
      if (digits.startsWith("0x") || digits.startsWith("-0x")) {
        number = new BigInteger(digits.replaceFirst("0x", ""), 16);
      } else if (digits.startsWith("0o")) {
        number = new BigInteger(digits.substring(2), 8);
      } else {
        number = new BigInteger(digits);
      }
      return number.bitLength() < 64 ? NODES.numberNode(number.longValue()) : NODES.numberNode(number);
    } catch (NumberFormatException e) {
      return NODES.textNode(value);
    }
  }

  private JsonNode floating(String value, ScalarNode node, Path file) {
    try {
      return NODES.numberNode(Double.parseDouble(value.replace("_", "")));
    } catch (NumberFormatException e) {
      return NODES.textNode(value);
    }
  }

  private static ScalarLocation.Style styleOf(Node node) {
    if (!(node instanceof ScalarNode scalar)) {
      return ScalarLocation.Style.PLAIN;
    }
    DumperOptions.ScalarStyle style = scalar.getScalarStyle();
    return switch (style) {
      case DOUBLE_QUOTED, SINGLE_QUOTED -> ScalarLocation.Style.QUOTED;
      case LITERAL -> ScalarLocation.Style.LITERAL;
      case FOLDED -> ScalarLocation.Style.FOLDED;
      default -> ScalarLocation.Style.PLAIN;
    };
  }

  private static UnreadableDocumentException issue(Path file, Mark mark, String message) {
    return new UnreadableDocumentException(
        new SourceIssue(new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1), message));
  }

  /**
   * Keys and string values repeat across the documents of a file (thousands of similar
   * SparkTenants): one instance of each is kept. Text nodes are immutable, so trees may share them.
   */
  private static final class Shared {
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, JsonNode> texts = new HashMap<>();

    String key(String key) {
      return keys.computeIfAbsent(key, k -> k);
    }

    JsonNode value(JsonNode scalar) {
      return scalar.isTextual() ? texts.computeIfAbsent(scalar.textValue(), t -> scalar) : scalar;
    }
  }
}
