package io.sparkgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.match.NamespaceLookup;
import io.sparkgate.policy.FileNamespaces;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The cluster's Namespace objects as the namespace informer last saw them; reads never lock. */
public final class ClusterNamespaces implements NamespaceLookup {
  private final Map<String, JsonNode> namespaces = new ConcurrentHashMap<>();

  @Override
  public JsonNode namespace(String name) {
    JsonNode known = namespaces.get(name);
    return known != null ? known : FileNamespaces.synthesise(name);
  }

  @Override
  public JsonNode known(String name) {
    return namespaces.get(name);
  }

  void put(JsonNode namespace) {
    namespaces.put(namespace.path("metadata").path("name").asText(), namespace);
  }

  void remove(String name) {
    namespaces.remove(name);
  }

  public int size() {
    return namespaces.size();
  }
}
