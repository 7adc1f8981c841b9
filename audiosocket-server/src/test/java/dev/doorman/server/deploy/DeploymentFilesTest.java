package dev.doorman.server.deploy;

import dev.doorman.server.testing.Requirement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.calllogger.CallLogger;
import dev.doorman.events.Party;
import dev.doorman.events.Stage;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.conversation.PipelineMetrics;
import dev.doorman.server.resident.ResidentMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment files (docker-compose.yml, Prometheus and Grafana config) agree with the server's
 * real configuration defaults and the metric names it really exposes. The image is DockerImageTest's.
 */
class DeploymentFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path root;
    private static JsonNode compose;

    @TempDir
    Path logs;

    @BeforeAll
    static void findRepository() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        root = dir;
        compose = YAML.readTree(root.resolve("docker-compose.yml").toFile());
    }

    /** The configuration the doorman container really runs with: defaults + its environment. */
    private static ServerConfig loadWith(Map<String, String> env) {
        return new ConfigLoader().load(null, env, Map.of()).config();
    }

    private static Map<String, String> composeEnv(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        compose.path("services").path(service).path("environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Container side of "host:container[/proto]" port mappings. */
    private static Set<Integer> containerPorts(String service) {
        return strings(compose.path("services").path(service).path("ports")).stream()
                .map(p -> p.replaceAll("/(tcp|udp)$", ""))
                .map(p -> p.substring(p.lastIndexOf(':') + 1))
                .filter(p -> p.matches("\\d+"))
                .map(Integer::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Container path of the named volume {@code volume} in the service, or null. */
    private static String namedVolumeTarget(String service, String volume) {
        for (String mount : strings(compose.path("services").path(service).path("volumes"))) {
            String[] parts = mount.split(":");
            if (parts[0].equals(volume)) {
                return parts[1];
            }
        }
        return null;
    }

    @Test
    void doormanServicePublishesTheConfiguredPorts() {
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig inContainer = loadWith(composeEnv("doorman"));
        assertEquals(defaults.server().port(), inContainer.server().port(), "compose keeps the AudioSocket default");
        assertEquals(defaults.admin().port(), inContainer.admin().port(), "compose keeps the admin default");
        assertEquals(Set.of(inContainer.server().port(), inContainer.admin().port()), containerPorts("doorman"));
        assertEquals("0.0.0.0", inContainer.admin().bind(), "Prometheus scrapes from another container");
        assertTrue(inContainer.admin().enabled());
    }

    @Test
    void callLogVolumeIsWhereTheServerWritesAndTheAnalyzerReads() {
        ServerConfig inContainer = loadWith(composeEnv("doorman"));
        assertFalse(inContainer.logging().dir().equals(ServerConfig.Logging.defaults().dir()),
                "DOORMAN_LOGGING_DIR must move the logs onto the volume");
        assertEquals(inContainer.logging().dir(), namedVolumeTarget("doorman", "call-logs"));
        assertTrue(compose.path("volumes").has("call-logs"), "call-logs is a declared named volume");

        JsonNode analyzer = compose.path("services").path("analyzer");
        assertEquals(List.of("tools"), strings(analyzer.path("profiles")), "the analyzer only runs on demand");
        List<String> entrypoint = strings(analyzer.path("entrypoint"));
        assertEquals(inContainer.logging().dir(), entrypoint.get(entrypoint.indexOf("--dir") + 1));
        assertEquals(inContainer.logging().dir() + ":ro",
                namedVolumeTarget("analyzer", "call-logs") + ":" + strings(analyzer.path("volumes")).get(0).split(":")[2]);
    }

    @Test
    void everyMountedHostPathExists() {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (JsonNode service : compose.path("services")) {
            for (String mount : strings(service.path("volumes"))) {
                String host = mount.split(":")[0];
                if (host.startsWith("./") || host.startsWith("../") || host.startsWith("/")) {
                    checked++;
                    if (!Files.exists(root.resolve(host).normalize())) {
                        missing.add(host);
                    }
                }
            }
        }
        assertTrue(checked >= 6, "asterisk, prometheus and grafana mount repository files: " + checked);
        assertEquals(List.of(), missing);
        assertTrue(Files.isRegularFile(root.resolve("deploy/grafana/dashboards/doorman.json")));
    }

    @Test
    void prometheusScrapesTheAdminPortOfTheDoormanService() throws IOException {
        JsonNode prometheus = YAML.readTree(root.resolve("deploy/prometheus/prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            assertEquals("/metrics", job.path("metrics_path").asText("/metrics"));
            job.path("static_configs").forEach(sc -> targets.addAll(strings(sc.path("targets"))));
        }
        ServerConfig inContainer = loadWith(composeEnv("doorman"));
        assertEquals(List.of("doorman:" + inContainer.admin().port()), targets);
        assertTrue(compose.path("services").has("doorman"), "the target host is the compose service name");
    }

    @Test
    void promtoolAcceptsThePrometheusConfig() throws Exception {
        Path promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
        Requirement.require(promtool != null, "promtool not installed (Debian package prometheus)");
        Process process = new ProcessBuilder(promtool.toString(), "check", "config",
                root.resolve("deploy/prometheus/prometheus.yml").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), output);
    }

    @Test
    void dashboardUsesTheProvisionedDatasource() throws IOException {
        JsonNode datasources = YAML.readTree(root.resolve("deploy/grafana/provisioning/datasources/prometheus.yml").toFile());
        String uid = datasources.path("datasources").get(0).path("uid").asText();
        JsonNode dashboard = JSON.readTree(root.resolve("deploy/grafana/dashboards/doorman.json").toFile());
        List<String> uids = dashboard.findValues("datasource").stream().map(d -> d.path("uid").asText()).toList();
        assertFalse(uids.isEmpty());
        assertEquals(Set.of(uid), Set.copyOf(uids));
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36);
    }

    // --- dashboard queries vs. the metrics a real server exposes -------------------------------

    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");

    /** Metric names in a PromQL expression: identifiers that are not functions, labels or keywords. */
    static Set<String> metricNames(String expr) {
        String stripped = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")     // string literals
                .replaceAll("\\{[^}]*}", " ")                        // label matchers
                .replaceAll("\\[[^]]*]", " ")                        // range selectors ($__rate_interval, 1h)
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(stripped);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void metricNameExtractionSkipsFunctionsLabelsAndRanges() {
        assertEquals(Set.of("call_stage_latency_seconds_bucket"), metricNames(
                "histogram_quantile(0.95, sum by (le, stage) (rate(call_stage_latency_seconds_bucket{stage=~\"a|b\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_total"), metricNames("sum(increase(a_total[1h])) / sum without (x) (b_total)"));
    }

    private static Set<String> dashboardMetricNames(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        dashboard.findValues("expr").forEach(e -> names.addAll(metricNames(e.asText())));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")
                    .matcher(variable.path("definition").asText());
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * Dashboard metrics that other parts of the server register as they land. Once a real server
     * exposes one, it must leave this list and be checked like the others.
     */
    private static final Set<String> AWAITED = Set.of();

    @Test
    void theDashboardShowsTurnLatencyAndTheResidentLeg() throws IOException {
        JsonNode dashboard = JSON.readTree(root.resolve("deploy/grafana/dashboards/doorman.json").toFile());
        Set<String> wanted = dashboardMetricNames(dashboard);
        assertTrue(wanted.containsAll(Set.of("doorman_turn_latency_seconds_bucket")), wanted.toString());
        assertTrue(wanted.containsAll(Set.of("doorman_resident_ring_seconds_bucket", "doorman_resident_decisions_total")),
                "the resident leg's panels: " + wanted);
        String turn = dashboard.findValues("expr").stream().map(JsonNode::asText)
                .filter(e -> e.contains("doorman_turn_latency_seconds_bucket")).findFirst().orElse("");
        assertTrue(turn.contains("by (le, party)"), "turn latency per party: " + turn);
        assertFalse(dashboard.toString().contains("proxy"), "the summed-percentile proxy is gone");
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposedByARealServer() throws Exception {
        JsonNode dashboard = JSON.readTree(root.resolve("deploy/grafana/dashboards/doorman.json").toFile());
        Set<String> wanted = new TreeSet<>(dashboardMetricNames(dashboard));
        wanted.removeAll(AWAITED);
        assertTrue(wanted.containsAll(Set.of("call_stage_latency_seconds_bucket", "doorman_calls_active",
                "jvm_memory_used_bytes", "process_cpu_usage")), wanted.toString());

        // Stage labels the dashboard filters on are the real stage names.
        Set<String> stageNames = Arrays.stream(Stage.values()).map(Stage::wireName).collect(Collectors.toSet());
        Matcher stageFilter = Pattern.compile("stage=~?\"([^\"]*)\"").matcher(dashboard.toString());
        while (stageFilter.find()) {
            for (String s : stageFilter.group(1).split("\\|")) {
                assertTrue(s.equals("$stage") || stageNames.contains(s), "unknown stage in dashboard: " + s);
            }
        }

        ServerConfig config = ServerConfig.defaults()
                .withServer(ServerConfig.Server.defaults().withBind("127.0.0.1").withPort(0))
                .withAdmin(new ServerConfig.Admin(true, "127.0.0.1", 0))
                .withLogging(ServerConfig.Logging.defaults().withDir(logs.toString()));
        // The resident leg's and the turn pipeline's meters, bound as `serve` binds them with the dialog on.
        try (DoormanServer server = DoormanServer.builder(config).meterBinder(new ResidentMetrics())
                .meterBinder(new PipelineMetrics()).build().start()) {
            // Stage timers exist once a stage completes: one call that went through every stage.
            String callId = UUID.randomUUID().toString();
            CallLogger call = server.callLoggers().getLogger(callId);
            call.logTranscriptionComplete(Party.VISITOR, 1, "apartment 12", 120.0, "vosk");
            call.logIntentExtractionComplete(1, "visit", Map.of("apartment", "12"), 3.0, "rules");
            call.logFuzzyValidationComplete(1, "apartment", "12", "12", 1.0, true, 1.0);
            call.logAiProcessingComplete(1, "Calling apartment 12.", 5.0);
            call.logSynthesisComplete(Party.VISITOR, 1, 16000, 1000.0, 80.0, "espeak", false);
            call.logCallEnded("caller_hangup");
            server.callLoggers().removeLogger(callId);

            HttpClient http = HttpClient.newHttpClient();
            HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String text = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
                Set<String> exposed = text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                        .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
                Set<String> missing = new TreeSet<>(wanted);
                missing.removeAll(exposed);
                assertEquals(Set.of(), missing, "dashboard queries metrics the server does not expose");
                Set<String> landed = new TreeSet<>(AWAITED);
                landed.retainAll(exposed);
                assertEquals(Set.of(), landed, "now exposed: remove them from AWAITED");
                for (String stage : stageNames) {
                    assertTrue(text.contains("call_stage_latency_seconds_bucket{") && text.contains("stage=\"" + stage + "\""),
                            "no latency series for stage " + stage);
                }
            });
        }
    }
}
