package io.sparkgate.backgroundscan;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgate.policy.PolicySet;
import io.sparkgate.report.ObjectOutcome;
import io.sparkgate.report.ScanInputs;
import io.sparkgate.report.ScanResult;
import io.sparkgate.report.ScannedObject;
import io.sparkgate.report.Scanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline scan's evaluation ({@link Scanner}), one object at a time, yielding to admission:
 * the thread yields after every object and sleeps for the pause after every slice of work, and
 * the scan stops between two objects as soon as {@code goOn} says no.
 */
public final class PacedScan {
  private static final Logger LOG = LoggerFactory.getLogger(PacedScan.class);

  private final Scanner scanner = new Scanner();
  private final BackgroundScanSettings.Pacing pacing;

  public PacedScan(BackgroundScanSettings.Pacing pacing) {
    this.pacing = pacing;
  }

  /** The scan of {@code objects} with {@code set}; null when {@code goOn} stopped it. */
  public ScanResult run(PolicySet set, List<JsonNode> objects, BooleanSupplier goOn) throws InterruptedException {
    long start = System.nanoTime();
    Instant now = Instant.now();
    long sliceNanos = pacing.slice().toNanos();
    long sliceStart = start;
    List<ObjectOutcome> outcomes = new ArrayList<>(objects.size());
    for (JsonNode tree : objects) {
      if (!goOn.getAsBoolean()) {
        return null;
      }
      ScannedObject object = new ScannedObject(tree, describe(tree));
      try {
        ObjectOutcome outcome = scanner.evaluate(set, object, null, now);
        if (outcome != null) {
          outcomes.add(outcome);
        }
      } catch (ScanInputs.BadInputException e) {
        LOG.debug("background scan skips {}", e.getMessage());
      }
      if (System.nanoTime() - sliceStart >= sliceNanos && !pacing.pause().isZero()) {
        Thread.sleep(pacing.pause().toMillis(), pacing.pause().toNanosPart() % 1_000_000);
        sliceStart = System.nanoTime();
      } else {
        Thread.yield();
      }
    }
    return new ScanResult(set.hash(), List.copyOf(outcomes), objects.size(), System.nanoTime() - start);
  }

  /** {@code cluster:KIND/NAMESPACE/NAME}, where an object that cannot be evaluated is named. */
  private static String describe(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return "cluster:" + object.path("kind").asText() + "/" + metadata.path("namespace").asText("") + "/"
        + metadata.path("name").asText();
  }
}
