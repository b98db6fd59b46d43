package io.sparkgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.engine.ReviewBuilder;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The requests a large Spark job sends, prepared once: mostly executor pod CREATEs, some driver
 * pods and SparkApplications, each through /mutate then /validate as the API server calls them.
 */
final class Workload {
  /** One prepared request. */
  record Request(String path, byte[] body) {}

  private final List<Request> requests;

  private Workload(List<Request> requests) {
    this.requests = requests;
  }

  Request get(long index) {
    return requests.get((int) (index % requests.size()));
  }

  int size() {
    return requests.size();
  }

  /** Executor pods 80 %, driver pods 10 %, SparkApplications 10 %, from the fixture directory. */
  static Workload spark(Path fixtures, String namespace, int distinct) throws IOException {
    JsonNode executor = read(fixtures.resolve("executor-pod.yaml"));
    JsonNode driver = read(fixtures.resolve("driver-pod.yaml"));
    JsonNode application = read(fixtures.resolve("app-scala.yaml"));
    ObjectMapper mapper = new ObjectMapper();
    Random random = new Random(42);
    List<Request> requests = new ArrayList<>(distinct);
    while (requests.size() < distinct) {
      int pick = random.nextInt(10);
      JsonNode object = pick < 8 ? executor : pick == 8 ? driver : application;
      byte[] body = mapper.writeValueAsBytes(new ReviewBuilder().namespace(namespace)
          .user("system:serviceaccount:team-alpha:spark", List.of("system:serviceaccounts")).build(object));
      if (object != application) {
        requests.add(new Request("/mutate", body));
      }
      requests.add(new Request("/validate", body));
    }
    return new Workload(requests);
  }

  private static JsonNode read(Path file) throws IOException {
    try {
      List<SourceDocument> documents = new YamlDocumentReader().read(file, Files.readString(file));
      return documents.get(0).tree();
    } catch (YamlDocumentReader.UnreadableDocumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
