package io.sparkgate.audit;

import java.util.List;

/**
 * The verification of one instance's chain across its segments.
 *
 * @param instance the instance id (or a label for files given on the command line)
 * @param segments how many segments were read
 * @param records decision lines verified
 * @param checkpoints checkpoint lines verified
 * @param findings gaps, overlaps, unreadable segments and broken chains; empty when the chain is intact
 * @param notes facts the reader should know even when verification passed
 */
public record ChainReport(String instance, int segments, long records, long checkpoints, List<String> findings,
    List<String> notes) {
  public ChainReport {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  public boolean ok() {
    return findings.isEmpty();
  }
}
