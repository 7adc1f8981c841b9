package dev.doorman.server.config;

import dev.doorman.server.testing.Repository;
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
    void theSampleConfigsAreValidAndNameFilesThatExist() {
        Path samples = Repository.root().resolve("samples");
        for (String name : List.of("config.yaml", "config-pt-BR.yaml")) {
            ServerConfig c = loader.load(samples.resolve(name), Map.of(), Map.of()).config();
            assertEquals(9092, c.server().port(), name);
            Path directory = Path.of(c.section("directory").get("path").asText());
            assertEquals(samples.resolve("directory.json"), directory, name);
            assertTrue(Files.isRegularFile(directory), name);
            assertEquals("logs", c.logging().dir(), name + ": call logs stay in the working directory");
        }
    }

    // --- what `doorman serve` runs with nothing configured ----------------------------------

    @Test
    void withNothingConfiguredTheDialogRunsOnTheHomesSampleDirectory() {
        ServerConfig c = new ConfigLoader(new DoormanHome(dir)).load(null, Map.of(), Map.of()).config();
        assertTrue(c.section("dialog").get("enabled").asBoolean());
        assertEquals(dir.resolve("samples/directory.json").toString(), c.section("directory").get("path").asText());
        assertTrue(ServerConfig.defaults().section("dialog").isMissingNode(),
                "a server assembled in code from ServerConfig.defaults() stays greeting-only");
    }

    @Test
    void greetingOnlyIsAConfigChoice() throws IOException {
        ServerConfig fromFile = loader.load(yaml("dialog:\n  enabled: false\n  maxAttempts: 2\n"), Map.of(), Map.of()).config();
        assertFalse(fromFile.section("dialog").get("enabled").asBoolean());
        assertEquals(2, fromFile.section("dialog").get("maxAttempts").asInt());
        ServerConfig fromEnv = loader.load(null, Map.of("DOORMAN_DIALOG_ENABLED", "false"), Map.of()).config();
        assertEquals("false", fromEnv.section("dialog").get("enabled").asText());
        ServerConfig partial = loader.load(yaml("dialog:\n  maxAttempts: 2\n"), Map.of(), Map.of()).config();
        assertTrue(partial.section("dialog").get("enabled").asBoolean(), "a dialog section without enabled keeps it on");
    }

    // --- relative paths ---------------------------------------------------------------------

    @Test
    void relativePathsInAFileAreRelativeToItsFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("etc/doorman"));
        Path file = folder.resolve("config.yaml");
        Files.writeString(file, """
                prompts:
                  greeting: prompts/hello.wav
                logging:
                  dir: ../../var/logs
                directory:
                  path: directory.json
                stt:
                  vosk:
                    modelDir: /opt/vosk/model
                tts:
                  cache:
                    dir: cache
                """);
        ServerConfig c = loader.load(file, Map.of(), Map.of()).config();
        assertEquals(folder.resolve("prompts/hello.wav").toString(), c.prompts().greeting());
        assertEquals(dir.resolve("var/logs").toString(), c.logging().dir());
        assertEquals(folder.resolve("directory.json").toString(), c.section("directory").get("path").asText());
        assertEquals("/opt/vosk/model", c.section("stt").get("vosk").get("modelDir").asText(), "absolute paths stay");
        assertEquals(folder.resolve("cache").toString(), c.section("tts").get("cache").get("dir").asText());

        ServerConfig bundled = loader.load(yaml("prompts:\n  greeting: classpath:prompts/greeting.wav\n"), Map.of(), Map.of())
                .config();
        assertEquals("classpath:prompts/greeting.wav", bundled.prompts().greeting(), "classpath: is not a path");
    }

    @Test
    void relativePathsFromTheEnvironmentAndFlagsAreRelativeToTheWorkingDirectory() throws IOException {
        Path file = yaml("logging:\n  privacy: full\n");
        ServerConfig c = loader.load(file, Map.of("DOORMAN_DIRECTORY_PATH", "mine.json"), Map.of("logging.dir", "out")).config();
        assertEquals("mine.json", c.section("directory").get("path").asText());
        assertEquals("out", c.logging().dir());
    }

    // --- errors say where the value came from -----------------------------------------------

    @Test
    void aBadEnvironmentValueNamesTheVariable() {
        ConfigException type = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("DOORMAN_SERVER_PORT", "abc"), Map.of()));
        assertEquals("config error: server.port: expected an integer, got 'abc' (from environment variable DOORMAN_SERVER_PORT)",
                type.getMessage());
        ConfigException range = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("DOORMAN_SERVER_PORT", "70000"), Map.of()));
        assertTrue(range.getMessage().endsWith("got 70000 (from environment variable DOORMAN_SERVER_PORT)"), range.getMessage());
        ConfigException listItem = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("DOORMAN_SERVER_ALLOW", "10.0.0.0/8,300.1.2.3/8"), Map.of()));
        assertEquals("server.allow[1]", listItem.key());
        assertTrue(listItem.getMessage().contains("(from environment variable DOORMAN_SERVER_ALLOW)"), listItem.getMessage());
    }

    @Test
    void aBadFlagNamesTheFlagAndAFileValueNamesNothingMore() throws IOException {
        ConfigException flag = assertThrows(ConfigException.class, () -> loader.load(null, Map.of(),
                List.of(new ConfigLoader.Override("server.port", "abc", "--port"))));
        assertTrue(flag.getMessage().endsWith("(from --port)"), flag.getMessage());
        assertFalse(error("server:\n  port: abc\n").getMessage().contains("(from"));
    }

    @Test
    void errorsFoundLaterInAPipelineSectionNameTheVariableToo() {
        ConfigLoader.Result r = loader.load(null, Map.of("DOORMAN_DIRECTORY_PATH", "/nowhere.json"), Map.of());
        ConfigException later = r.explain(new ConfigException("directory.path", "file not found"));
        assertEquals("config error: directory.path: file not found (from environment variable DOORMAN_DIRECTORY_PATH)",
                later.getMessage());
        assertEquals("config error: stt.engine: x", r.explain(new ConfigException("stt.engine", "x")).getMessage());
    }

    @Test
    void theApplicationLogVariablesAreCheckedNotWarnedAbout() {
        ConfigLoader.Result ok = loader.load(null, Map.of("DOORMAN_LOG_LEVEL", "debug", "DOORMAN_LOG_FORMAT", "json",
                "DOORMAN_ANALYZER_DIR", "/var/log/doorman"), Map.of());
        assertEquals(List.of(), ok.warnings());
        ConfigException format = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("DOORMAN_LOG_FORMAT", "xml"), Map.of()));
        assertEquals("config error: DOORMAN_LOG_FORMAT: must be text or json, got 'xml'", format.getMessage());
        ConfigException level = assertThrows(ConfigException.class,
                () -> loader.load(null, Map.of("DOORMAN_LOG_LEVEL", "loud"), Map.of()));
        assertEquals(AppLogVariables.LEVEL, level.key());
    }

    @Test
    void anUnreadableConfigFileSaysWhy() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir, Map.of(), Map.of()));
        assertEquals(dir.toString(), e.key());
        assertTrue(e.problem().startsWith("cannot read: ") && !e.problem().contains(dir.toString()), e.getMessage());
    }
}
