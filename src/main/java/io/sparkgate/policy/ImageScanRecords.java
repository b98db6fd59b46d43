package io.sparkgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.images.ImageScan;
import io.sparkgate.images.ImageScanCheck;
import io.sparkgate.images.ImageScanIndex;
import io.sparkgate.images.ImageScanKeys;
import io.sparkgate.policy.source.SourceDocument;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The ImageScan records and the trusted scan keys of a policy directory (with the keys given as a
 * server setting). Records are checked once,
 * here: one that does not verify is reported (a warning: lint shows it, the server logs it) and
 * never used.
 */
final class ImageScanRecords {
  private final List<SourceDocument> records = new ArrayList<>();
  private final List<Ed25519PublicKeyParameters> keys = new ArrayList<>();

  /** {@code settingKeys}: the keys given as a server setting ({@code --image-scan-keys}). */
  ImageScanRecords(List<Ed25519PublicKeyParameters> settingKeys) {
    keys.addAll(settingKeys);
  }

  /** Takes the document if it is a record or the keys ConfigMap; false otherwise. */
  boolean offer(SourceDocument document, List<LoadIssue> issues) {
    JsonNode tree = document.tree();
    if (ImageScan.isImageScan(tree)) {
      records.add(document);
      return true;
    }
    if (ImageScanKeys.isKeysConfigMap(tree)) {
      JsonNode data = tree.path("data");
      for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        try {
          keys.add(ImageScanKeys.parsePublicKey(entry.getValue().asText("")));
        } catch (IOException | RuntimeException e) {
          issues.add(new LoadIssue(Severity.ERROR, document.positionOf("/data/" + entry.getKey()),
              "ConfigMap " + ImageScanKeys.KEYS_CONFIG_MAP + " key " + entry.getKey()
                  + " is not an Ed25519 public key in PEM: " + e.getMessage()));
        }
      }
    }
    return false;
  }

  ImageScanIndex index(List<LoadIssue> issues) {
    ImageScanKeys trusted = ImageScanKeys.of(keys);
    List<ImageScanCheck> checks = new ArrayList<>(records.size());
    for (SourceDocument document : records) {
      ImageScanCheck check = ImageScanCheck.of(document.tree(), trusted);
      if (!check.verified()) {
        issues.add(new LoadIssue(Severity.WARNING, document.positionOf(check.pointer()),
            "ImageScan " + document.tree().path("metadata").path("name").asText("") + ": " + check.problem()
                + (trusted.isEmpty() ? " (no trusted keys: give them with --image-scan-keys or ConfigMap "
                    + ImageScanKeys.KEYS_CONFIG_MAP + ")" : "")
                + "; the record is not used"));
      }
      checks.add(check);
    }
    return ImageScanIndex.of(checks, trusted, Clock.systemUTC());
  }
}
