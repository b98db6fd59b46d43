package io.sparkgate.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies one instance's chain when it is spread over sealed segments that may be incomplete (an
 * archive). Segments are put in sequence order; where the next segment does not start right after
 * the previous one ends, the missing sequence numbers are a finding and verification resumes with
 * the next segment, so every gap and every broken segment is reported, not only the first.
 */
public final class SegmentedChainVerifier {
  private final AuditVerifier verifier;

  public SegmentedChainVerifier(TrustedKeys keys) {
    this.verifier = new AuditVerifier(keys);
  }

  public ChainReport verify(String instance, List<Path> segments) {
    List<String> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<SegmentInfo> infos = new ArrayList<>();
    for (Path segment : segments) {
      try {
        infos.add(SegmentInfo.of(segment));
      } catch (IOException e) {
        findings.add(segment + ": unreadable segment: " + e.getMessage());
      }
    }
    infos.sort(Comparator.comparingLong(SegmentInfo::firstSeq));
    long records = 0;
    long checkpoints = 0;
    List<Path> run = new ArrayList<>();
    SegmentInfo previous = null;
    for (SegmentInfo info : infos) {
      if (previous != null && info.firstSeq() != previous.lastSeq() + 1) {
        findings.add(previous.lastSeq() < info.firstSeq()
            ? "seq " + (previous.lastSeq() + 1) + ".." + (info.firstSeq() - 1) + " missing between "
                + previous.file() + " and " + info.file() + ": a segment is not there"
            : info.file() + " overlaps " + previous.file() + " (seq " + info.firstSeq() + ".." + previous.lastSeq()
                + " twice): the chain forked, or two servers share one instance id");
        VerificationResult result = verifyRun(run, findings);
        if (result != null && notes.isEmpty() && records == 0 && checkpoints == 0) {
          notes.addAll(result.notes());
        }
        records += result == null ? 0 : result.records();
        checkpoints += result == null ? 0 : result.checkpoints();
        run.clear();
      }
      run.add(info.file());
      previous = info;
    }
    VerificationResult last = verifyRun(run, findings);
    if (last != null) {
      if (records == 0 && checkpoints == 0) {
        notes.addAll(last.notes());
      }
      records += last.records();
      checkpoints += last.checkpoints();
    }
    return new ChainReport(instance, infos.size(), records, checkpoints, findings, notes);
  }

  private VerificationResult verifyRun(List<Path> run, List<String> findings) {
    if (run.isEmpty()) {
      return null;
    }
    try {
      VerificationResult result = verifier.verify(run);
      if (!result.ok()) {
        findings.add(result.failure().toString());
      }
      return result;
    } catch (IOException e) {
      findings.add("cannot read " + run + ": " + e.getMessage());
      return null;
    }
  }
}
