package dev.doorman.server.cli;

import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.testing.CapturedStderr;
import dev.doorman.server.testing.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code doorman serve} with a {@code buildings} list: its errors and its startup summary. */
class ServeBuildingsTest {
    private static final String TWO_GREETING_BUILDINGS = """
            dialog: {enabled: false}
            admin: {enabled: false}
            server: {bind: 127.0.0.1}
            buildings:
              - {id: north, name: North Tower, port: 0}
              - {id: south, port: 0, prompts: {greeting: %s}}
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @Test
    void aBadBuildingExitsWith2NamingItsKey() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, TWO_GREETING_BUILDINGS.formatted("none.wav"));
        int exit = DoormanCommand.commandLine(Map.of()).execute("serve", "--config", file.toString());
        assertEquals(ServeCommand.EXIT_CONFIG, exit);
        assertTrue(stderr.text().contains("config error: buildings[1].prompts.greeting: " + dir.resolve("none.wav")
                + ": no such file (building south)"), stderr.text());
    }

    @Test
    void aPortFlagThatNoBuildingUsesIsAWarning() throws Exception {
        Path greeting = Repository.root().resolve("samples/prompts/greeting.wav");
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, TWO_GREETING_BUILDINGS.formatted(greeting));
        DoormanHome home = new DoormanHome(Repository.root());
        ServeCommand serve = new ServeCommand(Map.of(), home);
        ConfigLoader.Result loaded = ServeCommand.configLoader(home).load(file, Map.of(),
                List.of(new ConfigLoader.Override("server.port", "9300", "--port")));
        serve.buildServer(loaded.config()).close();
        try {
            assertEquals("server.port 9300 (from --port) is not used: each building listens on its own port "
                    + "(buildings[].port)", serve.unusedPortWarning(loaded).orElseThrow());
        } finally {
            serve.closeDialog();
        }
    }

    @Test
    void theSummaryShowsEachBuilding() throws Exception {
        Path greeting = Repository.root().resolve("samples/prompts/greeting.wav");
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, TWO_GREETING_BUILDINGS.formatted(greeting) + "logging: {dir: " + dir.resolve("logs") + "}\n");
        DoormanHome home = new DoormanHome(Repository.root());
        ServeCommand serve = new ServeCommand(Map.of(), home);
        serve.configFile = file;
        ServerConfig config = ServeCommand.configLoader(home).load(file, Map.of(), List.<ConfigLoader.Override>of())
                .config();
        DoormanServer server = serve.buildServer(config).start();
        try {
            Map<String, String> lines = serve.summary(config, server).lines().stream()
                    .collect(Collectors.toMap(StartupSummary.Line::label, StartupSummary.Line::value));
            int north = server.audioSocketPort("north");
            int south = server.audioSocketPort("south");
            assertTrue(north > 0 && south > 0 && north != south);
            assertEquals("127.0.0.1, ports north " + north + ", south " + south + "; max 2000 calls, from "
                    + String.join(" ", ServerConfig.DEFAULT_ALLOW), lines.get("audiosocket"));
            assertEquals("North Tower, port " + north + ", language en", lines.get("north"));
            assertEquals("south, port " + south + ", language en", lines.get("south"));
            assertEquals("off: greeting only (classpath:prompts/greeting.wav)", lines.get("north dialog"));
            assertEquals("off: greeting only (" + greeting + ")", lines.get("south dialog"));
            assertTrue(lines.get("buildings").startsWith("2 ("), lines.get("buildings"));
        } finally {
            server.close();
            serve.closeDialog();
        }
    }
}
