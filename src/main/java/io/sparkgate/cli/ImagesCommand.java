package io.sparkgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sparkgate.audit.AuditLogException;
import io.sparkgate.images.ImageScan;
import io.sparkgate.images.ImageScanCheck;
import io.sparkgate.images.ImageScanException;
import io.sparkgate.images.ImageScanKeys;
import io.sparkgate.images.TrivyReport;
import io.sparkgate.policy.source.SourceDocument;
import io.sparkgate.policy.source.YamlDocumentReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparkgate images record|verify}: signed ImageScan records from Trivy reports. Exit codes:
 * 0 success, 1 a record does not verify, 2 bad usage or unreadable input.
 */
@Command(
    name = "images",
    description = "Make and check signed ImageScan records.",
    subcommands = {ImagesCommand.Record.class, ImagesCommand.Verify.class})
public final class ImagesCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  @Command(name = "record", description = {
      "Turn a Trivy JSON report (trivy image --format json) into an ImageScan signed with an Ed25519 key.",
      "Writes YAML when --out ends in .yaml or .yml, JSON otherwise (and on standard output)."})
  static final class Record implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin HelpOption help;

    @Option(names = "--trivy", required = true, paramLabel = "REPORT", description = "Trivy JSON report.")
    Path report;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "Ed25519 private key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the record; default standard output.")
    Path out;

    @Option(names = "--image", paramLabel = "REPOSITORY@sha256:DIGEST", defaultValue = "",
        description = "The pushed image, when the report has no RepoDigests or several.")
    String image;

    @Option(names = "--scanned-at", paramLabel = "TIME", defaultValue = "",
        description = "Scan time (RFC 3339), when the report has no CreatedAt.")
    String scannedAt;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Ed25519PrivateKeyParameters privateKey;
      try {
        privateKey = ImageScanKeys.readPrivateKey(key);
      } catch (AuditLogException e) {
        err.println("error: " + e.getMessage());
        return USAGE;
      }
      ImageScan scan;
      try {
        JsonNode tree = new ObjectMapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
        scan = TrivyReport.read(tree, new TrivyReport.Overrides(image, scannedAt));
      } catch (IOException e) {
        err.println("error: cannot read " + report + ": " + e.getMessage());
        return USAGE;
      } catch (ImageScanException e) {
        err.println(report + ": " + e.getMessage());
        return USAGE;
      }
      JsonNode record = ImageScanKeys.sign(scan, privateKey).toObject();
      try {
        String text = writer(out).writeValueAsString(record);
        if (out == null) {
          spec.commandLine().getOut().println(text);
        } else {
          Files.writeString(out, text + (text.endsWith("\n") ? "" : "\n"), StandardCharsets.UTF_8);
          err.println("wrote " + out + ": " + scan.repository() + "@" + scan.digest() + ", "
              + scan.vulnerabilities().size() + " vulnerability ids, scanned " + scan.scannedAt());
        }
      } catch (IOException e) {
        err.println("error: cannot write " + out + ": " + e.getMessage());
        return USAGE;
      }
      return OK;
    }

    private static ObjectMapper writer(Path out) {
      String name = out == null ? "" : out.getFileName().toString();
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        return new YAMLMapper();
      }
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
  }

  @Command(name = "verify", description = {
      "Check that ImageScan records (YAML or JSON, several per file) are well formed and signed by a trusted key.",
      "Prints one line per record."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin HelpOption help;

    @Option(names = "--key", required = true, paramLabel = "PUBKEY",
        description = "Trusted Ed25519 public key (PEM); repeatable.")
    List<Path> keys = new ArrayList<>();

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Record files.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ImageScanKeys trusted;
      try {
        trusted = ImageScanKeys.fromFiles(keys);
      } catch (IOException e) {
        err.println("error: " + e.getMessage());
        return USAGE;
      }
      int records = 0;
      int bad = 0;
      boolean unreadable = false;
      for (Path file : files) {
        List<SourceDocument> documents;
        try {
          documents = new YamlDocumentReader().read(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
          err.println("error: cannot read " + file + ": " + e.getMessage());
          unreadable = true;
          continue;
        } catch (YamlDocumentReader.UnreadableDocumentException e) {
          err.println(e.issue().position() + ": " + e.issue().message());
          unreadable = true;
          continue;
        }
        for (SourceDocument document : documents) {
          if (!ImageScan.isImageScan(document.tree())) {
            continue;
          }
          records++;
          ImageScanCheck check = ImageScanCheck.of(document.tree(), trusted);
          if (check.verified()) {
            ImageScan scan = check.scan();
            out.println(document.positionOf("") + ": ok " + scan.repository() + "@" + scan.digest()
                + " scanned " + scan.scannedAt() + " by key " + scan.signature().keyId());
          } else {
            bad++;
            out.println(document.positionOf(check.pointer()) + ": " + check.problem());
          }
        }
      }
      out.println(records + " records, " + (records - bad) + " verified, " + bad + " failed");
      if (unreadable || records == 0) {
        if (records == 0) {
          err.println("error: no ImageScan records in the files given");
        }
        return USAGE;
      }
      return bad == 0 ? OK : FAILED;
    }
  }
}
