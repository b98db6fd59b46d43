package io.sparkgate.bench;

import io.sparkgate.cli.Main;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How the server under test is started: the serving jar's {@code serve} (the jar the bench finds
 * {@code io.sparkgate.cli.Main} in; the build's class path when the bench runs from the test
 * classes), on the {@code java} of {@value #JAVA_VARIABLE} or else the bench's own, with the JVM
 * options of {@value #OPTIONS_VARIABLE}.
 */
record ServerLaunch(Path java, List<String> jvmOptions, List<String> code) {
  static final String JAVA_VARIABLE = "SPARKGATE_BENCH_SERVER_JAVA";
  static final String OPTIONS_VARIABLE = "SPARKGATE_BENCH_SERVER_OPTS";
  private static final String MAIN = Main.class.getName();

  ServerLaunch {
    jvmOptions = List.copyOf(jvmOptions);
    code = List.copyOf(code);
  }

  /** From this process's environment; an unusable setting is an {@link IllegalArgumentException}. */
  static ServerLaunch fromEnvironment() {
    return from(System.getenv(), servingCode());
  }

  static ServerLaunch from(Map<String, String> environment, List<String> code) {
    String given = environment.get(JAVA_VARIABLE);
    Path java;
    if (given == null || given.isBlank()) {
      java = Path.of(System.getProperty("java.home"), "bin", "java");
    } else {
      java = Path.of(given.trim());
      if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
        throw new IllegalArgumentException(JAVA_VARIABLE + "=" + given
            + ": not an executable file (the path of a java executable, e.g. /usr/lib/jvm/jdk-25/bin/java)");
      }
    }
    String extra = environment.get(OPTIONS_VARIABLE);
    List<String> options = extra == null || extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    return new ServerLaunch(java, options, code);
  }

  /** {@code -jar} the serving jar, or the class path and main class when the server's classes are a directory. */
  static List<String> servingCode() {
    Path location;
    try {
      location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the server's classes have no file location", e);
    }
    if (Files.isRegularFile(location)) {
      return List.of("-jar", location.toString());
    }
    return List.of("-cp", System.getProperty("java.class.path"), MAIN);
  }

  /** The command line of {@code serve} with a fixed heap; the caller adds serve's options. */
  List<String> serveCommand(String heap) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx" + heap);
    command.add("-Xms" + heap);
    command.addAll(jvmOptions);
    command.addAll(code);
    command.add("serve");
    return command;
  }

  /** The server's java and the first line of its {@code -version}, for the report's header. */
  String describe() {
    try {
      Process version = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      // the line "openjdk version ..." (a JAVA_TOOL_OPTIONS notice may come first)
      String line = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(text -> text.contains(" version ")).findFirst().orElse("version unknown");
      version.waitFor(10, TimeUnit.SECONDS);
      return java + " (" + line.trim() + ")";
    } catch (IOException e) {
      return java + " (no version: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.toString();
    }
  }
}
