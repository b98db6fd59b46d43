# Sparkgate runtime image. Build the jar first (mvn -B package -DskipTests), then:
#   docker build -t registry.example.com/sparkgate/sparkgate:0.1.0 .
# The image holds a JRE, target/sparkgate.jar, the shipped policies/ (for the training start; the
# Deployment mounts its own) and the caches that start records; nothing is fetched at build time.
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

# A training start recorded at build time (serve --exit-when-ready with a long warm-up over the
# bundled Spark reviews) leaves two things a start then reads instead of redoing:
# - the compile cache of the shipped pack (SPARKGATE_CACHE_DIR): the checked form of every
#   expression, so a start type-checks only expressions that differ from the shipped ones;
# - a Java 25 AOT cache: the classes of start-up and of the request path loaded and linked, with
#   the method profiles of the warm-up, so the JIT compiles the evaluation path sooner.
# With both, the shipped pack is in service about 1.7 s after the JVM starts instead of about 3.2 s,
# before serve's own warm-up (BENCHMARKS.md, "Ready"). Both are read-only at run time; a JVM that
# cannot use the AOT cache warns and starts without it, and a missing or damaged compile cache
# entry is compiled again.
ENV SPARKGATE_CACHE_DIR=/opt/sparkgate/cache
RUN java -XX:AOTCacheOutput=/opt/sparkgate/sparkgate.aot -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -jar /opt/sparkgate/sparkgate.jar serve \
      --exit-when-ready --warmup 20s --warmup-requests 20000 --policies /opt/sparkgate/policies \
      --certs /tmp/training-certs --no-audit \
      --host 127.0.0.1 --port 18443 --admin-host 127.0.0.1 --admin-port 19090 \
 && rm -rf /tmp/training-certs

WORKDIR /var/lib/sparkgate
USER 65532:65532
EXPOSE 8443 9090

# The Deployment passes its own JVM flags and `serve` arguments; these are for `docker run`.
ENTRYPOINT ["java", "-XX:AOTCache=/opt/sparkgate/sparkgate.aot", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/sparkgate/sparkgate.jar"]
CMD ["serve", "--policies", "/etc/sparkgate/policies", "--certs", "/etc/sparkgate/certs"]
