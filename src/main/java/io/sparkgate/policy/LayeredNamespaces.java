package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.match.NamespaceLookup;

/**
 * Two sources of Namespace objects, the first winning; a namespace neither holds is synthesised
 * with the one label the API server always sets.
 */
public final class LayeredNamespaces implements NamespaceLookup {
  private final NamespaceLookup first;
  private final NamespaceLookup second;

  public LayeredNamespaces(NamespaceLookup first, NamespaceLookup second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public JsonNode namespace(String name) {
    JsonNode known = known(name);
    return known != null ? known : FileNamespaces.synthesise(name);
  }

  @Override
  public JsonNode known(String name) {
    JsonNode found = first.known(name);
    return found != null ? found : second.known(name);
  }
}
