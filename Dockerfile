# doorman: the virtual doorman (AudioSocket voice bot) and the call-log analyzer.
#   docker build -t doorman:0.1.0-SNAPSHOT .
#   docker run -p 9092:9092 -p 8080:8080 doorman:0.1.0-SNAPSHOT      # serve: the doorman dialog on its defaults
#   docker run --rm doorman:0.1.0-SNAPSHOT simulate --help            # the AudioSocket simulator
# The image lays out /opt/doorman as the repository does (doorman.home, see docs/server.md):
#   /opt/doorman/doorman.jar, analyzer.jar, samples/config.yaml, samples/directory.json

# ---- build stage ----------------------------------------------------------------------------
FROM maven:3.9.6-eclipse-temurin-17 AS build
WORKDIR /src
# POMs first: the dependency layer is cached until a pom changes. Maven reads every module's pom.
COPY pom.xml ./
COPY call-events/pom.xml call-events/
COPY call-logger/pom.xml call-logger/
COPY audiosocket-server/pom.xml audiosocket-server/
COPY log-analyzer-cli/pom.xml log-analyzer-cli/
COPY acceptance-tests/pom.xml acceptance-tests/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY call-events/src/main call-events/src/main
COPY call-logger/src/main call-logger/src/main
COPY audiosocket-server/src/main audiosocket-server/src/main
COPY log-analyzer-cli/src/main log-analyzer-cli/src/main
RUN mvn -B -Dmaven.test.skip=true package -pl audiosocket-server,log-analyzer-cli -am \
 && cp audiosocket-server/target/doorman.jar log-analyzer-cli/target/analyzer.jar /tmp/

# ---- runtime stage --------------------------------------------------------------------------
# The JRE tag follows Java 17's patch releases on purpose (security fixes); pin a digest for a
# bit-for-bit reproducible image.
FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK, espeak-ng for the second text-to-speech engine.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl espeak-ng \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system doorman \
 && useradd --system --gid doorman --home-dir /var/lib/doorman --create-home doorman \
 && mkdir -p /var/log/doorman /var/lib/doorman/tmp \
 && chown -R doorman:doorman /var/log/doorman /var/lib/doorman
WORKDIR /opt/doorman
COPY --from=build /tmp/doorman.jar /tmp/analyzer.jar /opt/doorman/
COPY samples/config.yaml samples/directory.json /opt/doorman/samples/
# doorman.home=/opt/doorman: `serve` with no config finds samples/directory.json there. The Vosk
# model ships inside doorman.jar and is unpacked on first start into java.io.tmpdir: a directory
# the doorman user owns (mount a volume there to keep it across restarts).
ENV DOORMAN_LOGGING_DIR=/var/log/doorman \
    DOORMAN_ADMIN_BIND=0.0.0.0 \
    DOORMAN_ANALYZER_DIR=/var/log/doorman \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/var/lib/doorman/tmp -Ddoorman.home=/opt/doorman"
USER doorman
VOLUME /var/log/doorman
# 9092: AudioSocket (server.port); 8080: admin HTTP /health /ready /metrics /calls (admin.port).
EXPOSE 9092 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/doorman/doorman.jar \"$@\"", "doorman"]
CMD ["serve"]
