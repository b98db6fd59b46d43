package io.sparkgate.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.LoadIssue;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

/**
 * Any policy file text compiles into a set or into issues with a position; the loader never
 * throws, whatever the YAML, the documents or the CEL in them. The input is the file's UTF-8 text.
 */
class PolicyLoaderFuzzTest {
  private static final PolicySetLoader LOADER = new PolicySetLoader(CelEnvironment.standard());
  private static final Path FILE = Path.of("fuzz", "policy.yaml");

  @FuzzTest(maxDuration = "3m")
  void compilesOrReportsAnyPolicyText(byte[] bytes) {
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    PolicySetLoader.Result result = LOADER.compile(Map.of(FILE, text), new ArrayList<>());
    assertThat(result.policySet()).isNotNull();
    for (LoadIssue issue : result.issues()) {
      assertThat(issue.toString()).startsWith(FILE.toString() + ":");
    }
  }
}
