package io.sparkgate.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Appends a test's measured figures to target/reliability/figures.txt and prints them. */
final class Figures {
  private Figures() {}

  static void record(String test, String line) {
    String text = Instant.now() + " " + test + ": " + line;
    System.out.println("[reliability] " + text);
    try {
      Path dir = Files.createDirectories(Path.of("target", "reliability"));
      Files.writeString(dir.resolve("figures.txt"), text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("[reliability] figures not written: " + e);
    }
  }
}
