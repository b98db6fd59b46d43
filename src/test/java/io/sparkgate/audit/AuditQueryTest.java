package io.sparkgate.audit;

import static io.sparkgate.audit.AuditFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {
  @TempDir Path dir;
  private Path log;

  @BeforeEach
  void writeLog() {
    AuditConfig cfg = config(dir).checkpointEveryRecords(4).build();
    AuditFixtures.writeLog(cfg, 12);
    log = cfg.logFile();
  }

  @Test
  void filtersCombine() throws IOException {
    assertThat(uids(AuditQuery.Filter.any())).hasSize(12);
    assertThat(uids(filter("team-a", null, null, null, null, null, null)))
        .containsExactly("uid-2", "uid-4", "uid-6", "uid-8", "uid-10", "uid-12");
    assertThat(uids(filter("team-a", null, null, null, AuditQuery.Decision.DENIED, null, null)))
        .containsExactly("uid-6", "uid-12");
    assertThat(uids(filter(null, "app-7", null, null, null, null, null))).containsExactly("uid-7");
    assertThat(uids(filter(null, null, "sparkapplication", null, null, null, null))).hasSize(12);
    assertThat(uids(filter(null, null, "sparkoperator.k8s.io/v1beta2/SparkApplication", null, null, null, null)))
        .hasSize(12);
    assertThat(uids(filter(null, null, "v1/Pod", null, null, null, null))).isEmpty();
    assertThat(uids(new AuditQuery.Filter(null, null, null, "alice", "limits", null, null, null))).hasSize(12);
    assertThat(uids(new AuditQuery.Filter(null, null, null, "bob", null, null, null, null))).isEmpty();
    assertThat(uids(new AuditQuery.Filter(null, null, null, null, "nope", null, null, null))).isEmpty();
  }

  @Test
  void timeRangeIsSinceInclusiveUntilExclusive() throws IOException {
    Instant since = AuditFixtures.T0.plusSeconds(3);
    Instant until = AuditFixtures.T0.plusSeconds(6);
    assertThat(uids(filter(null, null, null, null, null, since, until))).containsExactly("uid-3", "uid-4", "uid-5");
  }

  @Test
  void entriesCarryTheStoredLineAndItsPosition() throws IOException {
    List<AuditQuery.Entry> entries = new ArrayList<>();
    AuditQuery.forEach(List.of(log), filter(null, "app-1", null, null, null, null, null), entries::add);
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.seq()).isEqualTo(2);
      assertThat(e.json()).startsWith("{\"seq\":2,").contains("\"uid\":\"uid-1\"");
    });
  }

  @Test
  void summaryCountsDecisionsPoliciesNamespacesAndDenialReasons() throws IOException {
    AuditSummary s = AuditSummary.of(List.of(log), AuditQuery.Filter.any());
    assertThat(s.total()).isEqualTo(12);
    assertThat(s.denied()).isEqualTo(4);
    assertThat(s.allowed()).isEqualTo(8);
    assertThat(s.dryRun()).isEqualTo(2);
    assertThat(s.outcomesByPolicy().get("limits")).containsEntry("fail", 4L).containsEntry("pass", 8L);
    assertThat(s.topDenialReasons(5)).singleElement()
        .satisfies(e -> assertThat(e.getKey()).isEqualTo("executor memory exceeds 8Gi"));
    String text = s.render(10);
    assertThat(text).contains("Decisions: 12 (allowed 8, denied 4, dry-run 2)");
    assertThat(text).containsPattern("team-a\\s+4\\s+2");
    assertThat(text).containsPattern("4\\s+executor memory exceeds 8Gi");
  }

  private static AuditQuery.Filter filter(String ns, String name, String kind, String user,
      AuditQuery.Decision decision, Instant since, Instant until) {
    return new AuditQuery.Filter(ns, name, kind, user, null, decision, since, until);
  }

  private List<String> uids(AuditQuery.Filter f) throws IOException {
    List<String> uids = new ArrayList<>();
    AuditQuery.forEach(List.of(log), f, e -> uids.add(e.record().uid()));
    return uids;
  }
}
