package dev.doorman.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, text);
        return file;
    }

    private ConfigException error(String yaml) throws IOException {
        Path file = yaml(yaml);
        return assertThrows(ConfigException.class, () -> loader.load(file, Map.of(), Map.of()));
    }

    @Test
    void defaultsNeedNoFile() {
        ServerConfig c = loader.load(null, Map.of(), Map.of()).config();
        assertEquals(9092, c.server().port());
        assertEquals("0.0.0.0", c.server().bind());
        assertEquals("logs", c.logging().dir());
        assertEquals("127.0.0.1", c.admin().bind());
        assertEquals(8080, c.admin().port());
        assertTrue(c.server().allow().contains("172.16.0.0/12"), "docker networks allowed by default");
        assertFalse(c.server().allow().contains("0.0.0.0/0"), "not open to the world by default");
        assertTrue(c.playback().comfortSilence());
        assertTrue(c.playback().bargeIn());
    }

    @Test
    void callLoggingIsOnByDefaultAndCanBeSwitchedOff() {
        assertTrue(loader.load(null, Map.of(), Map.of()).config().logging().enabled());
        ServerConfig off = loader.load(null, Map.of("DOORMAN_LOGGING_ENABLED", "false"), Map.of()).config();
        assertFalse(off.logging().enabled());
        Path logs = dir.resolve("logs");
        try (dev.doorman.server.DoormanServer server = dev.doorman.server.DoormanServer
                .builder(off.withLogging(off.logging().withDir(logs.toString()))).build()) {
            assertFalse(server.callLoggers().config().enabled(), "the server builds a discarding call logger");
        }
        assertFalse(Files.exists(logs), "no call log directory is made");
    }

    @Test
    void fileThenEnvironmentThenFlags() throws IOException {
        Path file = yaml("""
                server:
                  port: 9100
                  maxCalls: 50
                  allow: [10.0.0.0/8]
                logging:
                  dir: /tmp/a
                vad:
                  hangoverMs: 800
                stt:
                  engine: vosk
                """);
        Map<String, String> env = Map.of("DOORMAN_SERVER_PORT", "9200", "DOORMAN_LOGGING_DIR", "/tmp/b",
                "DOORMAN_SERVER_ALLOW", "192.168.0.0/16, 10.1.0.0/16", "DOORMAN_STT_ENGINE", "http",
                "DOORMAN_SERVER_MAX_CALLS", "60");
        ServerConfig c = loader.load(file, env, Map.of("server.port", "9300")).config();
        assertEquals(9300, c.server().port(), "flags win");
        assertEquals("/tmp/b", c.logging().dir(), "environment beats the file");
        assertEquals(60, c.server().maxCalls());
        assertEquals(List.of("192.168.0.0/16", "10.1.0.0/16"), c.server().allow());
        assertEquals(800, c.vad().hangoverMs());
        assertEquals(10, c.vad().frameMs(), "unset vad keys keep their defaults");
        assertEquals("http", c.section("stt").get("engine").asText(), "pipeline sections stay raw, env applies");
        assertTrue(c.section("tts").isMissingNode());
    }

    @Test
    void pipelineKeysTaughtByASchemaMapNestedEnvironmentNames() {
        record Http(String baseUrl) {
        }
        record Stt(String engine, Http http) {
        }
        ServerConfig c = new ConfigLoader().withSectionSchema("stt", new Stt("vosk", new Http(null)))
                .load(null, Map.of("DOORMAN_STT_HTTP_BASE_URL", "http://x:1"), Map.of()).config();
        assertEquals("http://x:1", c.section("stt").get("http").get("baseUrl").asText());
    }

    @Test
    void unrelatedEnvironmentVariablesOnlyWarn() {
        ConfigLoader.Result r = loader.load(null, Map.of("DOORMAN_SERVR_PORT", "1", "HOME", "/root"), Map.of());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("DOORMAN_SERVR_PORT"));
    }

    @Test
    void outOfRangePortNamesTheKey() throws IOException {
        ConfigException e = error("server:\n  port: 70000\n");
        assertEquals("server.port", e.key());
        assertEquals("config error: server.port: must be 0..65535, got 70000", e.getMessage());
    }

    @Test
    void environmentValuesAreCheckedToo() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("DOORMAN_SERVER_PORT", "ninety"), Map.of()));
        assertEquals("server.port", e.key());
        assertTrue(e.problem().contains("expected an integer"), e.getMessage());
    }

    @Test
    void unknownKeysAreNamedWithASuggestion() throws IOException {
        ConfigException e = error("server:\n  prot: 9092\n");
        assertEquals("server.prot", e.key());
        assertTrue(e.problem().contains("did you mean 'port'"), e.getMessage());
        ConfigException top = error("sever:\n  port: 1\n");
        assertEquals("sever", top.key());
        assertTrue(top.problem().contains("did you mean 'server'"), top.getMessage());
    }

    @Test
    void wrongTypesAreNamed() throws IOException {
        ConfigException e = error("playback:\n  comfortSilence: [1, 2]\n");
        assertEquals("playback.comfortSilence", e.key());
        ConfigException section = error("server: 9092\n");
        assertEquals("server", section.key());
        assertTrue(section.problem().contains("mapping"));
    }

    @Test
    void badNetworksAreNamedByIndex() throws IOException {
        ConfigException e = error("server:\n  allow: [10.0.0.0/8, 300.1.2.3/8]\n");
        assertEquals("server.allow[1]", e.key());
    }

    @Test
    void vadValuesAreCheckedByTheVadConfig() throws IOException {
        ConfigException e = error("vad:\n  frameMs: 15\n");
        assertEquals("vad.frameMs", e.key());
        assertTrue(e.problem().contains("10 or 20"), e.getMessage());
    }

    @Test
    void otherRules() throws IOException {
        assertEquals("logging.privacy", error("logging:\n  privacy: secret\n").key());
        assertEquals("server.sampleRate", error("server:\n  sampleRate: 11025\n").key());
        assertEquals("admin.port", error("server:\n  port: 9000\nadmin:\n  port: 9000\n").key());
        assertEquals("server.maxCalls", error("server:\n  maxCalls: 0\n").key());
        assertEquals("server.port", error("server:\n  port: 9092.5\n").key());
    }

    @Test
    void syntaxErrorsAndMissingFilesNameTheFile() throws IOException {
        ConfigException syntax = error("server:\n  port: [\n");
        assertTrue(syntax.getMessage().contains("invalid YAML"), syntax.getMessage());
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(missing, Map.of(), Map.of()));
        assertEquals(missing.toString(), e.key());
        assertEquals("no such file", e.problem());
    }

    @Test
    void envNamesAreUpperSnakeKeyPaths() {
        assertEquals("DOORMAN_SERVER_MAX_CALLS", ConfigLoader.envName("server.maxCalls"));
        assertEquals("DOORMAN_LOGGING_DIR", ConfigLoader.envName("logging.dir"));
    }

    @Test
    void theSampleConfigIsValid() {
        Path sample = Path.of("../samples/config.yaml");
        if (Files.exists(sample)) {
            ServerConfig c = loader.load(sample, Map.of(), Map.of()).config();
            assertEquals(9092, c.server().port());
        }
    }
}
