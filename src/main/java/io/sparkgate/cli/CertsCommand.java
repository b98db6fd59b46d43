package io.sparkgate.cli;

import io.sparkgate.certs.CertificateDirectory;
import io.sparkgate.certs.CertificateGenerator;
import io.sparkgate.certs.GeneratedCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sparkgate certs init}: development TLS material for the webhook Service. */
@Command(
    name = "certs",
    description = "Manage development TLS certificates.",
    mixinStandardHelpOptions = true,
    subcommands = CertsCommand.Init.class)
public final class CertsCommand {

  static final int EXIT_OK = 0;
  static final int EXIT_IO_ERROR = 1;

  @Command(
      name = "init",
      description = {
        "Generate a CA and a serving certificate for the webhook Service, writing ca.crt, ca.key,"
            + " tls.crt and tls.key (PKCS#8) into the output directory, replacing any there.",
        "Prints the base64 caBundle for the webhook configurations on stdout."
      },
      mixinStandardHelpOptions = true)
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "certs",
        description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--service", paramLabel = "NAME", defaultValue = "sparkgate",
        description = "Name of the webhook Service (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "sparkgate",
        description = "Namespace of the webhook Service (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
        description = "Validity in days, 1 to 3650 (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() {
      GeneratedCertificates generated;
      try {
        generated = new CertificateGenerator().generate(service, namespace, days);
      } catch (IllegalArgumentException e) {
        // Bad names or days are usage errors: picocli prints the message with the usage, exit 2.
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      CertificateDirectory directory = new CertificateDirectory(out);
      PrintWriter err = spec.commandLine().getErr();
      try {
        directory.write(generated);
      } catch (IOException e) {
        err.println("sparkgate certs init: cannot write certificates to " + out.toAbsolutePath()
            + ": " + describe(e));
        err.flush();
        return EXIT_IO_ERROR;
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(caBundle(generated));
      stdout.flush();
      err.println("Wrote ca.crt, ca.key, tls.crt, tls.key to " + out.toAbsolutePath()
          + " (" + service + "." + namespace + ".svc, valid " + days + " days)");
      err.flush();
      return EXIT_OK;
    }

    /** The caBundle is the base64 of the ca.crt file exactly as written. */
    private static String caBundle(GeneratedCertificates generated) {
      return Base64.getEncoder()
          .encodeToString(generated.caCertificatePem().getBytes(StandardCharsets.US_ASCII));
    }

    /** NIO exceptions often carry only a path as their message; say what went wrong with it. */
    private static String describe(IOException e) {
      if (e instanceof FileAlreadyExistsException) {
        return e.getMessage() + " exists and is not a directory";
      }
      if (e instanceof AccessDeniedException) {
        return "permission denied: " + e.getMessage();
      }
      if (e instanceof NoSuchFileException) {
        return "no such file or directory: " + e.getMessage();
      }
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
