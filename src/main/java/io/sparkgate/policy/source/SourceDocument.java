package io.sparkgate.policy.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One YAML or JSON document of a policy file, as a Jackson tree, with the location of every
 * node by JSON Pointer.
 */
public record SourceDocument(Path file, JsonNode tree, Map<String, ScalarLocation> locations) {

  /** The position of the node at the pointer, or of its nearest located ancestor. */
  public SourcePosition positionOf(String pointer) {
    String current = pointer;
    while (true) {
      ScalarLocation location = locations.get(current);
      if (location != null) {
        return location.start();
      }
      if (current.isEmpty()) {
        return SourcePosition.startOf(file);
      }
      current = current.substring(0, current.lastIndexOf('/'));
    }
  }

  public ScalarLocation locationOf(String pointer) {
    return locations.get(pointer);
  }

  /** The same document with the locations of these pointers only. */
  public SourceDocument withLocationsOf(Collection<String> pointers) {
    Map<String, ScalarLocation> kept = new HashMap<>();
    for (String pointer : pointers) {
      ScalarLocation location = locations.get(pointer);
      if (location != null) {
        kept.put(pointer, location);
      }
    }
    return new SourceDocument(file, tree, Map.copyOf(kept));
  }
}
