package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The items of a kind: List are documents of their own, reported at their own lines. */
class ListDocumentsTest {
  @Test
  void anIssueOfTheTwelfthItemIsReportedAtItsLine() {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
    for (int i = 0; i < 12; i++) {
      yaml.append("- apiVersion: sparkgate.io/v1\n")
          .append("  kind: ImageScan\n")
          .append("  metadata: {name: record-").append(i).append("}\n")
          .append("  spec:\n")
          .append("    digest: ").append(i == 11 ? "sha256:short" : "sha256:" + "a".repeat(63) + Integer.toHexString(i))
          .append("\n");
    }
    Path file = Path.of("records.yaml");
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard())
        .compile(Map.of(file, yaml.toString()), new ArrayList<>());
    List<String> digestProblems = result.issues().stream().map(LoadIssue::toString)
        .filter(issue -> issue.contains("is not a sha256 digest")).toList();
    // item 11 starts on line 4 + 11 * 5 = 59; its digest is the item's fifth line
    assertThat(digestProblems).containsExactly("records.yaml:63:13: warning: ImageScan record-11: spec.digest"
        + " \"sha256:short\" is not a sha256 digest (sha256: and 64 lower-case hex digits) (no trusted keys: give them"
        + " with --image-scan-keys or ConfigMap sparkgate-image-scan-keys); the record is not used");
  }
}
