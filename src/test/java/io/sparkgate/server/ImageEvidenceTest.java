package io.sparkgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgate.admission.AdmissionRequest;
import io.sparkgate.admission.AdmissionReviewDecoder;
import io.sparkgate.audit.ImageEvidence;
import io.sparkgate.cel.CelEnvironment;
import io.sparkgate.images.ImageScanIndex;
import io.sparkgate.policy.PolicySetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageEvidenceTest {
  private static final String CLEAN = "registry.example.com/spark/spark@sha256:a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41";

  private static ImageScanIndex records() throws Exception {
    Map<Path, String> texts = new LinkedHashMap<>();
    for (String name : List.of("trusted-keys.yaml", "scan-clean.yaml", "scan-tampered.yaml")) {
      Path file = Path.of("test-fixtures/images", name);
      texts.put(file, Files.readString(file));
    }
    PolicySetLoader.Result loaded = new PolicySetLoader(CelEnvironment.standard()).compile(texts, new java.util.ArrayList<>());
    return loaded.policySet().imageScans();
  }

  private static AdmissionRequest request(String image, String initImage) throws Exception {
    String review = """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
          "uid": "u1", "kind": {"group": "", "version": "v1", "kind": "Pod"},
          "resource": {"group": "", "version": "v1", "resource": "pods"}, "operation": "CREATE",
          "namespace": "team-scan", "userInfo": {"username": "spark"},
          "object": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "d", "labels": {"spark-role": "driver"}},
            "spec": {"initContainers": [{"name": "i", "image": "%s"}], "containers": [{"name": "c", "image": "%s"}]}}}}
        """.formatted(initImage, image);
    return new AdmissionReviewDecoder(100).decode(new ObjectMapper().readTree(review));
  }

  @Test
  void anAdmittedSparkPodNamesTheRecordOfEachImageItWasAdmittedOn() throws Exception {
    ImageScanIndex records = records();
    assertThat(records.verifiedCount()).isEqualTo(1);
    assertThat(records.rejectedCount()).isEqualTo(1);
    List<ImageEvidence> evidence = ImageEvidenceOf.admitted(request(CLEAN, "busybox:1.36"), true, records);
    assertThat(evidence).containsExactly(new ImageEvidence(CLEAN, "sha256:a3bd08a4bb6ee561990004785766a41fd0bfaf721e2d2dc02e4808895df25f41",
        "2026-12-01T09:30:12.123456789Z", "8f1ffb3fb6346fd0"));
  }

  @Test
  void deniedRequestsAndRecordsThatDoNotVerifyNameNoRecord() throws Exception {
    ImageScanIndex records = records();
    assertThat(ImageEvidenceOf.admitted(request(CLEAN, CLEAN), false, records)).isEmpty();
    String tampered = "registry.example.com/spark/spark@sha256:4ea8b7462a56e7c2f335aeabde3aa157660f680b6c46ef1ed329293c5e146d02";
    assertThat(ImageEvidenceOf.admitted(request(tampered, "busybox:1.36"), true, records)).isEmpty();
  }
}
