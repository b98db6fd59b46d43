package io.sparkgate.audit;

import java.nio.file.Path;

/**
 * One line exactly as stored, without its newline.
 *
 * @param terminated false for a last line that has no newline (a torn or truncated write)
 */
record RawLine(Path file, long lineNo, byte[] bytes, boolean terminated, boolean firstInFile) {
  String location() {
    return file + ":" + lineNo;
  }
}
