package io.sparkgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's layout table names every Java package of the server, so it stays the map of the code. */
class ReadmeLayoutTest {
  private static final Path ROOT = Path.of("src/main/java/io/sparkgate");

  @Test
  void everyPackageIsInTheLayoutTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String layout = readme.substring(readme.indexOf("## Layout"));
    List<String> packages;
    try (Stream<Path> walk = Files.walk(ROOT)) {
      packages = walk.filter(Files::isDirectory).filter(ReadmeLayoutTest::hasJava)
          .map(dir -> ROOT.relativize(dir).toString().replace('\\', '/')).filter(name -> !name.isEmpty()).toList();
    }
    assertThat(packages).isNotEmpty();
    for (String name : packages) {
      assertThat(layout).as("the README's layout table names " + name)
          .containsAnyOf("`…/" + name + "`", "`" + name + "`", "`src/main/java/io/sparkgate/" + name + "`");
    }
  }

  private static boolean hasJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(file -> file.toString().endsWith(".java"));
    } catch (Exception e) {
      return false;
    }
  }
}
