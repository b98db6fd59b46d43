package io.sparkgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The policy directory a benchmarked server loads: the pack, the team's tenant, optionally many more tenants. */
final class BenchPolicies {
  static final String TENANT_FILE = "tenant-alpha.yaml";
  static final int TENANTS_PER_FILE = 1_000;

  private BenchPolicies() {}

  static Path prepare(Path work, Path policies, Path fixtures, int extraTenants) throws IOException {
    Path dir = Files.createDirectories(work.resolve("policies"));
    try (Stream<Path> files = Files.list(policies)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    Files.copy(fixtures.resolve(TENANT_FILE), dir.resolve(TENANT_FILE));
    String tenant = Files.readString(fixtures.resolve(TENANT_FILE));
    // in files of TENANTS_PER_FILE, each well under the loader's limit on one file's size
    for (int first = 0; first < extraTenants; first += TENANTS_PER_FILE) {
      StringBuilder many = new StringBuilder();
      for (int i = first; i < Math.min(extraTenants, first + TENANTS_PER_FILE); i++) {
        many.append("---\n").append(tenant.replace("namespace: team-alpha", "namespace: team-" + i));
      }
      Files.writeString(dir.resolve("many-tenants-%05d.yaml".formatted(first)), many);
    }
    return dir;
  }
}
