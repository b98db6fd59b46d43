package io.sparkgate.cli;

import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.policy.CompileCache;
import io.sparkgate.policy.PolicySetLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CEL environment and policy loader every command builds the same way. */
final class Engines {
  private static final String CACHE_DIRECTORY = "SPARKGATE_CACHE_DIR";

  private Engines() {}

  static CelEnvironment celEnvironment() {
    return CelEnvironment.standard();
  }

  /** The loader of the offline commands: the standard environment, with the compile cache. */
  static PolicySetLoader offlineLoader() {
    return new PolicySetLoader(celEnvironment()).withCompileCache(compileCache());
  }

  /**
   * The compile cache of every command that compiles policies (serve too), below {@code $SPARKGATE_CACHE_DIR} (else
   * {@code $XDG_CACHE_HOME/sparkgate}, else {@code ~/.cache/sparkgate}), for this jar: its path,
   * size and time stamp name the build. {@code SPARKGATE_CACHE_DIR=off}, or running from classes
   * rather than a jar, compiles every time.
   */
  static CompileCache compileCache() {
    String configured = System.getenv(CACHE_DIRECTORY);
    if ("off".equals(configured)) {
      return CompileCache.NONE;
    }
    try {
      Path jar = Path.of(Engines.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        return CompileCache.NONE;
      }
      String build = jar.toAbsolutePath() + "\0" + Files.size(jar) + "\0" + Files.getLastModifiedTime(jar).toMillis()
          + "\0" + CelEnvironment.class.getName() + ".standard";
      return CompileCache.in(cacheRoot(configured), build);
    } catch (URISyntaxException | IOException | RuntimeException e) {
      return CompileCache.NONE;
    }
  }

  private static Path cacheRoot(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("sparkgate");
  }
}
