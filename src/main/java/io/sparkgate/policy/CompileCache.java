package io.sparkgate.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.expr.CheckedExpr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled expressions kept on disk between runs of the commands and starts of the server, so that
 * a server start, {@code eval}, {@code test} and {@code scan} type-check only what changed since the
 * last run. An entry is the checked, lowered AST (CEL's {@code CheckedExpr}) of an expression that
 * compiled without a problem, filed under the hash of its text and expected result type, in a
 * directory named for the build of Sparkgate that wrote it: another build (another CEL environment)
 * never reads it. A missing, unreadable or corrupt entry is compiled again. An entry is trusted as
 * the jar is: whoever may write the directory decides what an expression compiles to, so it belongs
 * to the user that runs Sparkgate (the image keeps a read-only one for the shipped pack).
 */
public final class CompileCache {
  private static final Logger LOG = LoggerFactory.getLogger(CompileCache.class);
  private static final String DIRECTORY_PREFIX = "cel-";
  /** Keys of other checks' results start with this, so they never meet an expression's. */
  private static final String RESULT_PREFIX = "result\0";

  /** No cache: every expression is compiled (tests, and {@code SPARKGATE_CACHE_DIR=off}). */
  public static final CompileCache NONE = new CompileCache(null);

  private final Path directory;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger stores = new AtomicInteger();

  private CompileCache(Path directory) {
    this.directory = directory;
  }

  /**
   * A cache below {@code root} for the build identified by {@code build}; directories of other
   * builds below {@code root} are removed. {@link #NONE} when the directory cannot be made.
   */
  public static CompileCache in(Path root, String build) {
    Path directory = root.resolve(DIRECTORY_PREFIX + sha256(build).substring(0, 16));
    try {
      Files.createDirectories(directory);
      removeOtherBuilds(root, directory);
      return new CompileCache(directory);
    } catch (IOException | RuntimeException e) {
      LOG.debug("no compile cache at {}: {}", directory, e.toString());
      return NONE;
    }
  }

  /** The cached AST of {@code source} compiled for {@code expect}, or null. */
  CelAbstractSyntaxTree lookup(String source, ExpressionCompiler.Expect expect) {
    if (directory == null) {
      return null;
    }
    Path entry = entry(source, expect);
    try {
      byte[] bytes = Files.readAllBytes(entry);
      CelAbstractSyntaxTree ast = CelProtoAbstractSyntaxTree.fromCheckedExpr(CheckedExpr.parseFrom(bytes)).getAst();
      hits.incrementAndGet();
      return ast;
    } catch (IOException | RuntimeException missingOrCorrupt) {
      return null;
    }
  }

  /** Keeps the AST of an expression that compiled without a problem. */
  void store(String source, ExpressionCompiler.Expect expect, CelAbstractSyntaxTree ast) {
    if (directory == null) {
      return;
    }
    try {
      write(entry(source, expect), CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr().toByteArray());
    } catch (RuntimeException e) {
      LOG.debug("compile cache entry not written: {}", e.toString());
    }
  }

  /**
   * Another check's result kept beside the compiled expressions, for this build only: the entry
   * filed under {@code key} (which names everything the result depends on), or empty. The caller
   * treats an entry it cannot read as missing.
   */
  public Optional<byte[]> read(String key) {
    if (directory == null) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(directory.resolve(sha256(RESULT_PREFIX + key)));
      hits.incrementAndGet();
      return Optional.of(bytes);
    } catch (IOException | RuntimeException missing) {
      return Optional.empty();
    }
  }

  /** Keeps another check's result under {@code key} (see {@link #read}). */
  public void write(String key, byte[] bytes) {
    if (directory != null) {
      write(directory.resolve(sha256(RESULT_PREFIX + key)), bytes);
    }
  }

  private void write(Path entry, byte[] bytes) {
    try {
      Path temporary = Files.createTempFile(directory, ".entry", ".tmp");
      Files.write(temporary, bytes);
      try {
        Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING);
      }
      stores.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      LOG.debug("compile cache entry not written: {}", e.toString());
    }
  }

  /** Entries read from the cache so far. */
  public int hits() {
    return hits.get();
  }

  /** Entries written to the cache so far. */
  public int stores() {
    return stores.get();
  }

  private Path entry(String source, ExpressionCompiler.Expect expect) {
    return directory.resolve(sha256(expect.name() + '\0' + source));
  }

  private static void removeOtherBuilds(Path root, Path keep) throws IOException {
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(root, DIRECTORY_PREFIX + "*")) {
      for (Path sibling : siblings) {
        if (!sibling.equals(keep)) {
          deleteTree(sibling);
        }
      }
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        Files.deleteIfExists(entry);
      }
    }
    Files.deleteIfExists(directory);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
