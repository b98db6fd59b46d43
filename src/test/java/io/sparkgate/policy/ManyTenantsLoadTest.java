package io.sparkgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thousands of SparkTenants in one file: read lean, and a broken one still reported at its field. */
class ManyTenantsLoadTest {
  static String tenant(int i, String maxCores) {
    return """
        apiVersion: sparkgate.io/v1
        kind: SparkTenant
        metadata:
          name: tenant
          namespace: team-%d
        spec:
          limits:
            driver: {maxCores: %s, maxMemory: 8g}
          residency:
            regions: [eu-west-1]
        """.formatted(i, maxCores);
  }

  @Test
  void aBrokenTenantAmongThousandsIsReportedAtItsField(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      text.append("---\n").append(tenant(i, i == 2_500 ? "lots" : "2"));
    }
    Files.writeString(dir.resolve("tenants.yaml"), text);
    PolicySetLoader.Result result = new PolicySetLoader(CelEnvironment.standard()).load(dir);

    assertThat(result.hasErrors()).isFalse();
    assertThat(result.issues()).hasSize(1);
    // document 2,500 starts on line 2,500 * 11 + 2; the value of maxCores is on its 8th line, column 24
    assertThat(result.issues().get(0).toString())
        .startsWith(dir.resolve("tenants.yaml") + ":" + (2_500 * 11 + 9) + ":24: warning: ")
        .contains("team-2500");
    ParamObject last = result.policySet().params()
        .byName(new ParamKind("sparkgate.io/v1", "SparkTenant"), "team-2999", "tenant");
    assertThat(last.object().at("/spec/limits/driver/maxCores").asLong()).isEqualTo(2);
  }

  @Test
  void documentsOfOneFileShareTheirKeysAndStrings() throws Exception {
    List<SourceDocument> documents = new YamlDocumentReader().read(Path.of("t.yaml"), tenant(1, "2") + "---\n" + tenant(2, "2"));
    assertThat(documents).hasSize(2);
    assertThat(documents.get(0).tree().at("/spec/residency/regions/0"))
        .isSameAs(documents.get(1).tree().at("/spec/residency/regions/0"));
    assertThat(documents.get(0).tree().at("/metadata/namespace").textValue()).isEqualTo("team-1");
    assertThat(documents.get(1).tree().at("/metadata/namespace").textValue()).isEqualTo("team-2");
  }
}
