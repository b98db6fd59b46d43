package io.sparkgate.match;

import com.fasterxml.jackson.databind.JsonNode;

/** Where the engine finds a namespace's object: a file snapshot today, a cluster informer later. */
public interface NamespaceLookup {
  /** The Namespace object of that name; never null (an unknown namespace is synthesised). */
  JsonNode namespace(String name);
}
