package io.sparkgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkgate.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLaunchTest {
  private static final List<String> JAR = List.of("-jar", "/opt/sparkgate/sparkgate.jar");

  @Test
  void theServerRunsOnTheBenchsOwnJavaUnlessTold() {
    ServerLaunch launch = ServerLaunch.from(Map.of(), JAR);
    assertThat(launch.java()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
    assertThat(launch.serveCommand("128m")).containsExactly(launch.java().toString(), "-Xmx128m", "-Xms128m",
        "-jar", "/opt/sparkgate/sparkgate.jar", "serve");
  }

  @Test
  void theServerJavaAndItsOptionsComeFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path java = Files.writeString(dir.resolve("java"), "#!/bin/sh\n");
    assertThat(java.toFile().setExecutable(true)).isTrue();
    ServerLaunch launch = ServerLaunch.from(Map.of(ServerLaunch.JAVA_VARIABLE, java.toString(),
        ServerLaunch.OPTIONS_VARIABLE, " -XX:+UseZGC  -Xlog:gc "), JAR);
    assertThat(launch.serveCommand("64m")).containsExactly(java.toString(), "-Xmx64m", "-Xms64m", "-XX:+UseZGC",
        "-Xlog:gc", "-jar", "/opt/sparkgate/sparkgate.jar", "serve");
  }

  @Test
  void aServerJavaThatIsNotAnExecutableFileIsRefused(@TempDir Path dir) throws Exception {
    Path plain = Files.writeString(dir.resolve("java"), "not a program");
    for (Path given : List.of(dir.resolve("missing"), dir, plain)) {
      assertThatThrownBy(() -> ServerLaunch.from(Map.of(ServerLaunch.JAVA_VARIABLE, given.toString()), JAR))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("SPARKGATE_BENCH_SERVER_JAVA=" + given + ": not an executable file (the path of a java "
              + "executable, e.g. /usr/lib/jvm/jdk-25/bin/java)");
    }
  }

  @Test
  void fromTheBuildsClassesTheServerGetsTheSameClassPath() {
    // in the bench jar Main comes from the serving jar, started with -jar; here it comes from target/classes
    assertThat(ServerLaunch.servingCode()).containsExactly("-cp", System.getProperty("java.class.path"),
        Main.class.getName());
  }

  @Test
  void theHeaderNamesTheServersJavaAndItsVersion() {
    String described = ServerLaunch.from(Map.of(), JAR).describe();
    assertThat(described).startsWith(Path.of(System.getProperty("java.home"), "bin", "java") + " (")
        .contains("version \"" + System.getProperty("java.version") + "\"");
  }
}
