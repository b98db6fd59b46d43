package io.sparkgate.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks log files (in chain order, see {@link AuditFiles#inChainOrder}) line by line: every line
 * must be a complete JSON line whose {@code seq} follows the previous one and whose {@code prev} is
 * the SHA-256 of the previous line's bytes; every file must begin with a file-start checkpoint;
 * every checkpoint must carry a valid Ed25519 signature by a trusted key.
 *
 * <p>Detection does not depend on guessing; naming the culprit does. When a line's {@code prev}
 * does not match, the verifier uses {@code seq} and one line of lookahead to tell "the previous
 * line was edited" from "lines were removed, inserted or reordered here" and names that line.
 */
public final class AuditVerifier {
  private static final int RECENT_LINES = 64;
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

  private final TrustedKeys keys;

  public AuditVerifier(TrustedKeys keys) {
    this.keys = keys;
  }

  public VerificationResult verify(List<Path> filesInChainOrder) throws IOException {
    try (LogLines lines = new LogLines(filesInChainOrder)) {
      Run run = new Run(lines);
      for (Path f : filesInChainOrder) {
        if (Files.size(f) == 0) {
          run.notes.add(f + " is empty");
        }
      }
      return run.verify();
    }
  }

  private record Seen(String hash, long seq, RawLine line) {}

  private final class Run {
    private final LogLines lines;
    private final List<String> notes = new ArrayList<>();
    private final ArrayDeque<Seen> recent = new ArrayDeque<>();
    private Seen previous;
    private long records;
    private long checkpoints;
    private long recordsSinceCheckpoint;
    private String lastCheckpointReason;

    Run(LogLines lines) {
      this.lines = lines;
    }

    VerificationResult verify() throws IOException {
      RawLine raw;
      while ((raw = lines.next()) != null) {
        VerificationResult.Failure failure = check(raw);
        if (failure != null) {
          return new VerificationResult(records, checkpoints, failure, notes);
        }
      }
      addClosingNotes();
      return new VerificationResult(records, checkpoints, null, notes);
    }

    private VerificationResult.Failure check(RawLine raw) throws IOException {
      if (!raw.terminated()) {
        return fail(raw, "incomplete line: the file ends in the middle of a line (truncated, or torn by a crash "
            + "and not yet repaired by the server)");
      }
      AuditLine.Parsed p;
      try {
        p = AuditLine.parse(raw.bytes());
      } catch (AuditLine.MalformedLineException e) {
        return fail(raw, "not a valid audit line: " + e.getMessage() + " (edited or corrupted)");
      }
      String hash = HashChain.sha256Hex(raw.bytes());
      boolean fileStart = p.isCheckpoint() && CheckpointReason.FILE_START.wireName().equals(p.text("reason"));
      if (raw.firstInFile() && !fileStart) {
        return fail(raw, "the file does not begin with its file-start checkpoint: lines were removed from the "
            + "beginning of the file");
      }
      if (!raw.firstInFile() && fileStart) {
        return fail(raw, "file-start checkpoint in the middle of a file: files were joined or lines moved");
      }
      String signatureProblem = p.isCheckpoint() ? signatureProblem(raw, p) : null;
      VerificationResult.Failure chainFailure = checkChain(raw, p, hash, signatureProblem);
      if (chainFailure != null) {
        return chainFailure;
      }
      if (signatureProblem != null) {
        return fail(raw, signatureProblem);
      }
      if (p.isCheckpoint()) {
        checkpoints++;
        recordsSinceCheckpoint = 0;
        lastCheckpointReason = p.text("reason");
      } else {
        records++;
        recordsSinceCheckpoint++;
      }
      previous = new Seen(hash, p.seq(), raw);
      recent.addLast(previous);
      if (recent.size() > RECENT_LINES) {
        recent.removeFirst();
      }
      return null;
    }

    private VerificationResult.Failure checkChain(RawLine raw, AuditLine.Parsed p, String hash,
        String signatureProblem) throws IOException {
      if (previous == null) {
        if (HashChain.GENESIS.equals(p.prev())) {
          return p.seq() == 1 ? null : fail(raw, "the first line of the log must have seq 1, found " + p.seq());
        }
        notes.add("the chain starts at seq " + p.seq() + " in " + raw.file() + ": earlier files were not given "
            + "(or were deleted by retention), so whether they are complete is not checked");
        return null;
      }
      boolean prevMatches = p.prev().equals(previous.hash());
      boolean seqFollows = p.seq() == previous.seq() + 1;
      if (prevMatches && seqFollows) {
        return null;
      }
      if (prevMatches) {
        return fail(raw, "seq is " + p.seq() + " but the previous line has seq " + previous.seq()
            + ": the seq field was edited");
      }
      if (seqFollows) {
        boolean thisLineIsIntact = (p.isCheckpoint() && !keys.isEmpty() && signatureProblem == null)
            || nextLineChainsTo(p, hash);
        if (thisLineIsIntact) {
          return fail(previous.line(), "the line was modified after it was written: its SHA-256 does not match "
              + "the prev hash recorded in the next line");
        }
        return fail(raw, "prev does not match the SHA-256 of the previous line: this line's prev field or the "
            + "previous line was modified");
      }
      for (Seen s : recent) {
        if (s.hash().equals(hash)) {
          return fail(raw, "duplicate of " + s.line().location() + ": a copied line was inserted");
        }
      }
      RawLine firstInserted = lineAfterPrevOf(p);
      if (firstInserted != null) {
        return fail(firstInserted, "line(s) inserted: " + raw.location() + " chains directly to the line before "
            + "this one");
      }
      if (p.seq() > previous.seq() + 1) {
        return fail(raw, "the chain breaks before this line: seq jumps from " + previous.seq() + " to " + p.seq()
            + " and prev does not match the previous line: " + (p.seq() - previous.seq() - 1)
            + " line(s) are missing here, or lines were reordered");
      }
      return fail(raw, "the chain breaks before this line: seq " + p.seq() + " does not follow " + previous.seq()
          + " and prev does not match the previous line: lines were inserted or reordered here");
    }

    /** If {@code p} chains to an earlier line, the line right after that earlier one was inserted. */
    private RawLine lineAfterPrevOf(AuditLine.Parsed p) {
      Iterator<Seen> it = recent.iterator();
      while (it.hasNext()) {
        Seen s = it.next();
        if (s.hash().equals(p.prev()) && s.seq() + 1 == p.seq() && it.hasNext()) {
          return it.next().line();
        }
      }
      return null;
    }

    private boolean nextLineChainsTo(AuditLine.Parsed p, String hash) throws IOException {
      RawLine next = lines.peek();
      if (next == null || !next.terminated()) {
        return false;
      }
      try {
        AuditLine.Parsed n = AuditLine.parse(next.bytes());
        return n.prev().equals(hash) && n.seq() == p.seq() + 1;
      } catch (AuditLine.MalformedLineException e) {
        return false;
      }
    }

    /** Null when the signature is valid or no keys were given; otherwise what is wrong with it. */
    private String signatureProblem(RawLine raw, AuditLine.Parsed p) {
      if (keys.isEmpty()) {
        return null;
      }
      byte[] b = raw.bytes();
      int marker = lastIndexOf(b, AuditLine.SIG_MARKER);
      String sig = p.text("sig");
      if (marker < 0 || sig == null) {
        return "checkpoint without a signature";
      }
      String tail = new String(b, marker + AuditLine.SIG_MARKER.length,
          b.length - marker - AuditLine.SIG_MARKER.length, StandardCharsets.US_ASCII);
      if (!tail.equals(sig + "\"}") || !BASE64.matcher(sig).matches()) {
        return "checkpoint signature field is malformed or not the last field";
      }
      byte[] signed = Arrays.copyOfRange(b, 0, marker);
      return switch (keys.check(p.text("keyId"), signed, sig)) {
        case VALID -> null;
        case UNKNOWN_KEY -> "checkpoint signed with key id " + p.text("keyId") + ", which is not a trusted key "
            + keys.keyIds() + ": forged, or signed with another key";
        case BAD_SIGNATURE -> "checkpoint signature does not verify: the checkpoint was forged or altered";
      };
    }

    private void addClosingNotes() {
      if (keys.isEmpty()) {
        notes.add("signatures were NOT checked (no public key given): only the hash chain was verified");
      }
      if (recordsSinceCheckpoint > 0) {
        notes.add("the last " + recordsSinceCheckpoint + " record(s) follow the last checkpoint: removing or "
            + "altering them at the end of the log cannot be detected");
      } else if (lastCheckpointReason != null
          && !CheckpointReason.SHUTDOWN.wireName().equals(lastCheckpointReason)) {
        notes.add("the log ends with a '" + lastCheckpointReason + "' checkpoint, not a shutdown checkpoint: the "
            + "server is running or crashed, or newer lines/files were not given");
      }
    }

    private VerificationResult.Failure fail(RawLine line, String message) {
      return new VerificationResult.Failure(line.file(), line.lineNo(), message);
    }
  }

  private static int lastIndexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
