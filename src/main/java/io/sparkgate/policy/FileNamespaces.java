package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkgate.match.NamespaceLookup;
import java.util.Map;

/**
 * Namespaces given as files beside the policies. A namespace not given is synthesised with the
 * one label the API server always sets, {@code kubernetes.io/metadata.name}.
 */
public final class FileNamespaces implements NamespaceLookup {
  private final Map<String, JsonNode> namespaces;

  public FileNamespaces(Map<String, JsonNode> namespaces) {
    this.namespaces = Map.copyOf(namespaces);
  }

  @Override
  public JsonNode namespace(String name) {
    JsonNode known = namespaces.get(name);
    return known != null ? known : synthesise(name);
  }

  @Override
  public JsonNode known(String name) {
    return namespaces.get(name);
  }

  public int size() {
    return namespaces.size();
  }

  /** A namespace with only the label the API server always sets. */
  public static JsonNode synthesise(String name) {
    ObjectNode namespace = JsonNodeFactory.instance.objectNode();
    namespace.put("apiVersion", "v1");
    namespace.put("kind", "Namespace");
    ObjectNode metadata = namespace.putObject("metadata");
    metadata.put("name", name);
    metadata.putObject("labels").put("kubernetes.io/metadata.name", name);
    return namespace;
  }
}
