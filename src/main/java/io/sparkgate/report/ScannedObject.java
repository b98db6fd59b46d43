package io.sparkgate.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An object read for a scan and where it was read ({@code FILE:LINE:COL}), so that a problem
 * with it names its place.
 */
public record ScannedObject(JsonNode object, String source) {
  public String apiVersion() {
    return object.path("apiVersion").asText("");
  }

  public String kind() {
    return object.path("kind").asText("");
  }

  public String name() {
    return object.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return object.path("metadata").path("namespace").asText("");
  }

  public String uid() {
    return object.path("metadata").path("uid").asText("");
  }

  public boolean isNamespace() {
    return kind().equals("Namespace") && apiVersion().equals("v1");
  }
}
