# Sparkgate runtime image. Build the jar first (mvn -B package -DskipTests), then:
#   docker build -t registry.example.com/sparkgate/sparkgate:0.1.0 .
# The image holds only a JRE and target/sparkgate.jar; nothing is fetched at build time.
FROM eclipse-temurin:17-jre

# A fixed non-root uid/gid (65532), the same as runAsUser in deploy/base/deployment.yaml.
RUN groupadd --system --gid 65532 sparkgate \
 && useradd --system --uid 65532 --gid 65532 --home-dir /var/lib/sparkgate --no-create-home \
      --shell /usr/sbin/nologin sparkgate \
 && mkdir -p /opt/sparkgate /var/lib/sparkgate/audit \
 && chown -R 65532:65532 /var/lib/sparkgate

COPY target/sparkgate.jar /opt/sparkgate/sparkgate.jar

WORKDIR /var/lib/sparkgate
USER 65532:65532
EXPOSE 8443 9090

# The Deployment passes its own JVM flags and `serve` arguments; these are for `docker run`.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/sparkgate/sparkgate.jar"]
CMD ["serve", "--policies", "/etc/sparkgate/policies", "--certs", "/etc/sparkgate/certs"]
