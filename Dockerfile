# doorman: AudioSocket voice bot + call-log analyzer.
#   docker build -t doorman .
#   docker run -p 9092:9092 -p 8080:8080 doorman            # serve (default)
#   docker run --rm doorman simulate --help                  # the AudioSocket simulator

# ---- build stage ----------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# POMs first: the dependency layer is cached until a pom changes.
COPY pom.xml ./
COPY call-logger/pom.xml call-logger/
COPY audiosocket-server/pom.xml audiosocket-server/
COPY log-analyzer-cli/pom.xml log-analyzer-cli/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY call-logger/src call-logger/src
COPY audiosocket-server/src audiosocket-server/src
COPY log-analyzer-cli/src log-analyzer-cli/src
RUN mvn -B -DskipTests package \
 && cp audiosocket-server/target/doorman.jar log-analyzer-cli/target/analyzer.jar /tmp/

# ---- runtime stage --------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK, espeak-ng for the text-to-speech engine.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl espeak-ng \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system doorman \
 && useradd --system --gid doorman --home-dir /var/lib/doorman --create-home doorman \
 && mkdir -p /var/log/doorman /var/lib/doorman/tmp \
 && chown -R doorman:doorman /var/log/doorman /var/lib/doorman
WORKDIR /opt/doorman
COPY --from=build /tmp/doorman.jar /tmp/analyzer.jar /opt/doorman/
COPY samples/config.yaml samples/directory.json /opt/doorman/
# The Vosk model ships inside doorman.jar and is unpacked on first start into java.io.tmpdir:
# point it at a directory the doorman user owns (mount a volume there to keep it across restarts).
ENV DOORMAN_LOGGING_DIR=/var/log/doorman \
    DOORMAN_ADMIN_BIND=0.0.0.0 \
    DOORMAN_ANALYZER_DIR=/var/log/doorman \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/var/lib/doorman/tmp"
USER doorman
VOLUME /var/log/doorman
# 9092: AudioSocket (server.port); 8080: admin HTTP /health /ready /metrics /calls (admin.port).
EXPOSE 9092 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/doorman/doorman.jar \"$@\"", "doorman"]
CMD ["serve"]
