package io.sparkgate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterModeTest {
  @Test
  void autoIsOnOnlyInAPodWithAToken(@TempDir Path dir) throws Exception {
    Path token = dir.resolve("token");
    Map<String, String> pod = Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1");
    assertThat(ClusterMode.AUTO.enabled(pod, token)).as("no token mounted").isFalse();
    Files.writeString(token, "t");
    assertThat(ClusterMode.AUTO.enabled(pod, token)).isTrue();
    assertThat(ClusterMode.AUTO.enabled(Map.of(), token)).as("not in a pod").isFalse();
    assertThat(ClusterMode.OFF.enabled(pod, token)).isFalse();
    assertThat(ClusterMode.ON.enabled(Map.of(), dir.resolve("none"))).isTrue();
  }

  @Test
  void parsesTheFlag() {
    assertThat(ClusterMode.parse("Auto")).isEqualTo(ClusterMode.AUTO);
    assertThatThrownBy(() -> ClusterMode.parse("yes")).hasMessageContaining("--cluster must be off, on or auto");
  }
}
