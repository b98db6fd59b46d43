package io.sparkgate.lint;

import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.Severity;
import io.sparkgate.policy.source.ScalarLocation;
import io.sparkgate.policy.source.SourceDocument;
import java.util.List;

/**
 * A schema check problem placed within its expression: the expression's JSON pointer in the policy
 * document, the line (from 1) and column in the expression's text, or line 0 for the expression's
 * start. The document gives the file position, so the same finding holds wherever the policy moves.
 */
record SchemaFinding(String pointer, int line, int column, String message) {
  static SchemaFinding atStart(String pointer, String message) {
    return new SchemaFinding(pointer, 0, 0, message);
  }

  LoadIssue locate(SourceDocument document) {
    ScalarLocation location = document.locationOf(pointer);
    if (location == null || line <= 0) {
      return new LoadIssue(Severity.ERROR, document.positionOf(pointer), message);
    }
    return new LoadIssue(Severity.ERROR, location.locate(line, column), message);
  }

  static List<LoadIssue> locate(SourceDocument document, List<SchemaFinding> findings) {
    return findings.stream().map(finding -> finding.locate(document)).toList();
  }
}
