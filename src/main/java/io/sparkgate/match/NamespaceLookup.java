package io.sparkgate.match;

import com.fasterxml.jackson.databind.JsonNode;

/** Where the engine finds a namespace's object: files beside the policies, a cluster's informer, or both. */
public interface NamespaceLookup {
  /** The Namespace object of that name; never null (an unknown namespace is synthesised). */
  JsonNode namespace(String name);

  /** The Namespace object this source holds, or null when it holds none of that name. */
  default JsonNode known(String name) {
    return null;
  }
}
