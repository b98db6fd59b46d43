package io.sparkgate.cli;

import io.sparkgate.audit.AuditFiles;
import io.sparkgate.audit.ChainReport;
import io.sparkgate.audit.SegmentedChainVerifier;
import io.sparkgate.audit.TrustedKeys;
import io.sparkgate.audit.archive.ArchiveSnapshot;
import io.sparkgate.audit.review.ReviewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the review page's model from resolved sources: every instance verified, every record read. */
final class ReviewModels {
  private ReviewModels() {}

  static ReviewModel load(AuditSources sources, List<Path> keys) throws IOException {
    SegmentedChainVerifier verifier = new SegmentedChainVerifier(TrustedKeys.fromPemFiles(keys));
    List<ChainReport> reports = new ArrayList<>();
    if (!sources.files().isEmpty()) {
      reports.add(verifier.verify("files", AuditFiles.inChainOrder(sources.files())));
    }
    for (ArchiveSnapshot snapshot : sources.archives()) {
      for (Map.Entry<String, List<Path>> instance : snapshot.segmentsByInstance().entrySet()) {
        ChainReport r = verifier.verify(instance.getKey(), instance.getValue());
        reports.add(new ChainReport(r.instance(), r.segments(), r.records(), r.checkpoints(),
            r.findings().stream().map(snapshot::describe).toList(), r.notes().stream().map(snapshot::describe).toList()));
      }
    }
    return ReviewModel.load(AuditFiles.inChainOrder(sources.all()), reports);
  }
}
