package io.sparkgate.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of {@link AuditVerifier#verify}.
 *
 * @param records decision lines verified before the failure (or in total)
 * @param checkpoints checkpoint lines verified before the failure (or in total)
 * @param failure the first line that breaks the chain or carries a bad signature; null if intact
 * @param notes facts the reader should know even when verification passed (e.g. an unsigned tail)
 */
public record VerificationResult(long records, long checkpoints, Failure failure, List<String> notes) {
  public VerificationResult {
    notes = List.copyOf(notes);
  }

  public boolean ok() {
    return failure == null;
  }

  /** A tampered or damaged line: {@code file:line: message}. */
  public record Failure(Path file, long line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }
}
