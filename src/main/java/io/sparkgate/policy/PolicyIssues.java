package io.sparkgate.policy;

import io.sparkgate.policy.ExpressionCompiler.Expect;
import io.sparkgate.policy.source.SourceDocument;
import java.util.List;

/** Reports problems at a JSON Pointer of a policy document and compiles expressions found there. */
final class PolicyIssues {
  private final ExpressionCompiler compiler;
  private final SourceDocument document;
  private final List<LoadIssue> issues;

  PolicyIssues(ExpressionCompiler compiler, SourceDocument document, List<LoadIssue> issues) {
    this.compiler = compiler;
    this.document = document;
    this.issues = issues;
  }

  void error(String pointer, String message) {
    issues.add(new LoadIssue(Severity.ERROR, document.positionOf(pointer), message));
  }

  CompiledExpression compile(String source, Expect expect, String pointer) {
    return compiler.compile(source, expect, document.locationOf(pointer), document.positionOf(pointer), issues);
  }
}
