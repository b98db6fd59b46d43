# Sparkgate runtime image. Build the jar first (mvn -B package -DskipTests), then:
#   docker build -t registry.example.com/sparkgate/sparkgate:0.1.0 .
# The image holds a JRE, target/sparkgate.jar, the shipped policies/ (for the class-data training
# start; the Deployment mounts its own) and the archive; nothing is fetched at build time.
# Java 25: the same jar (Java 17 bytecode) measured faster and with a lower p99 than on Java 17 at
# the Deployment's heap (BENCHMARKS.md, "The runtime and the collector"); the build still targets 17.
FROM eclipse-temurin:25-jre

# A fixed non-root uid/gid (65532), the same as runAsUser in deploy/base/deployment.yaml.
RUN groupadd --system --gid 65532 sparkgate \
 && useradd --system --uid 65532 --gid 65532 --home-dir /var/lib/sparkgate --no-create-home \
      --shell /usr/sbin/nologin sparkgate \
 && mkdir -p /opt/sparkgate /var/lib/sparkgate/audit \
 && chown -R 65532:65532 /var/lib/sparkgate

COPY target/sparkgate.jar /opt/sparkgate/sparkgate.jar
COPY policies /opt/sparkgate/policies

# A class-data archive from a training start (serve --exit-when-ready): the JVM maps the classes
# Sparkgate loads at start instead of reading and verifying them from the jar, which takes about a
# second off every start (ready in ~2.5 s instead of ~3.3 s with the shipped pack, BENCHMARKS.md).
# The training start runs serve's warm-up too (--warmup, default 2s), so the archive also holds
# the classes of the request path. A JVM that cannot use the archive warns and starts without it.
RUN java -XX:ArchiveClassesAtExit=/opt/sparkgate/sparkgate.jsa -jar /opt/sparkgate/sparkgate.jar serve \
      --exit-when-ready --policies /opt/sparkgate/policies --certs /tmp/cds-certs --no-audit \
      --host 127.0.0.1 --port 18443 --admin-host 127.0.0.1 --admin-port 19090 \
 && rm -rf /tmp/cds-certs

WORKDIR /var/lib/sparkgate
USER 65532:65532
EXPOSE 8443 9090

# The Deployment passes its own JVM flags and `serve` arguments; these are for `docker run`.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/sparkgate/sparkgate.jsa", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/sparkgate/sparkgate.jar"]
CMD ["serve", "--policies", "/etc/sparkgate/policies", "--certs", "/etc/sparkgate/certs"]
