package io.sparkgate.report;

import java.util.List;

/**
 * One object's evaluation as a CREATE: the namespace it was evaluated in, whether it would be
 * admitted, each policy's finding, the warnings and the patch (JSON text, empty when none).
 */
public record ObjectOutcome(ScannedObject object, String namespace, boolean allowed, List<Finding> findings,
    List<String> warnings, String patch) {

  public String displayName() {
    String path = object.kind() + "/" + object.name();
    return namespace.isEmpty() ? path : namespace + "/" + path;
  }
}
