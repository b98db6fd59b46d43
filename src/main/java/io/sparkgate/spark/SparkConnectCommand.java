package io.sparkgate.spark;

import java.util.List;
import java.util.Map;

/**
 * Recognises a pod template whose container starts a Spark Connect server: Spark's {@code
 * sbin/start-connect-server.sh} or the server class {@code
 * org.apache.spark.sql.connect.service.SparkConnectServer} in its command or arguments.
 */
final class SparkConnectCommand {

  private static final List<String> MARKERS =
      List.of("start-connect-server.sh", "org.apache.spark.sql.connect.service.SparkConnectServer");

  private SparkConnectCommand() {}

  static boolean startsServer(Map<?, ?> template) {
    if (!(template.get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("containers") instanceof List<?> containers)) {
      return false;
    }
    for (Object container : containers) {
      if (container instanceof Map<?, ?> map
          && (mentionsServer(map.get("command")) || mentionsServer(map.get("args")))) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsServer(Object words) {
    if (!(words instanceof List<?> list)) {
      return false;
    }
    for (Object word : list) {
      if (word instanceof String text) {
        for (String marker : MARKERS) {
          if (text.contains(marker)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
