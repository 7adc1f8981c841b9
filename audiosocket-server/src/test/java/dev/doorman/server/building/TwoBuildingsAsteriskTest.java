package dev.doorman.server.building;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ConfigLoader;
import dev.doorman.server.config.DoormanHome;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.e2e.CallFile;
import dev.doorman.server.testing.RealAsterisk;
import dev.doorman.server.testing.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Asterisk runs the two-building sample dialplan (samples/asterisk/extensions-two-buildings.conf)
 * into a server of the two-building sample config: each building's intercom context reaches its
 * building's port, and hears its building's greeting; both buildings' resident legs use one AMI
 * connection to that Asterisk.
 */
class TwoBuildingsAsteriskTest {
    @TempDir
    Path tmp;

    @Test
    void eachIntercomContextReachesItsBuilding() throws Exception {
        int northPort = freePort();
        int southPort = freePort();
        RealAsterisk.AsteriskConfig dialplan = new RealAsterisk.AsteriskConfig()
                .sampleDialplan("extensions-two-buildings.conf", Map.of(
                        "127.0.0.1:9101", "127.0.0.1:" + northPort, "127.0.0.1:9102", "127.0.0.1:" + southPort))
                .dialplan("""
                        [caller-waits]
                        exten => s,1,Answer()
                         same => n,Wait(4)
                         same => n,Hangup()
                        """);
        Path logs = tmp.resolve("logs");
        try (RealAsterisk asterisk = RealAsterisk.start(tmp.resolve("asterisk"), dialplan)) {
            ServerConfig config = sample(logs, northPort, southPort, asterisk.amiPort());
            try (Buildings buildings = Buildings.create(config)) {
                assertEquals(1, buildings.engines().managers(), "one AMI connection for both buildings");
                DoormanServer server = buildings.addTo(DoormanServer.builder(config)).build().start();
                try {
                    await().atMost(Duration.ofSeconds(15)).until(() -> buildings.all().stream()
                            .allMatch(b -> b.residents().available()));
                    asterisk.originate("100", "doorman-north", "s", "caller-waits");
                    asterisk.originate("100", "doorman-south", "s", "caller-waits");
                    await().atMost(Duration.ofSeconds(30)).until(() -> CallFile.endedIn(logs).size() == 2);
                } finally {
                    server.close();
                }
            }
        }
        Map<String, CallFile> byBuilding = new HashMap<>();
        for (CallFile file : CallFile.endedIn(logs)) {
            byBuilding.put(file.events().get(0).path("data").path("building").asText(), file);
        }
        assertEquals(Set.of("north", "south"), byBuilding.keySet());
        assertTrue(setup(byBuilding.get("north")).path("local").asText().endsWith(":" + northPort));
        assertTrue(setup(byBuilding.get("south")).path("local").asText().endsWith(":" + southPort));
        assertTrue(greeting(byBuilding.get("south")).startsWith("Hello, this is the South Tower doorman"),
                greeting(byBuilding.get("south")));
        assertTrue(greeting(byBuilding.get("north")).startsWith("Hello, this is the virtual doorman"),
                greeting(byBuilding.get("north")));
    }

    /** samples/config-two-buildings.yaml on the test's ports, its resident leg on the test Asterisk. */
    private static ServerConfig sample(Path logs, int northPort, int southPort, int amiPort) throws IOException {
        ServerConfig config = new ConfigLoader(new DoormanHome(Repository.root()))
                .load(Repository.root().resolve("samples/config-two-buildings.yaml"), Map.of(),
                        Map.of("server.bind", "127.0.0.1", "admin.enabled", "false", "logging.dir", logs.toString()))
                .config();
        JsonNode list = config.section(ServerConfig.BUILDINGS);
        ((ObjectNode) list.get(0)).put("port", northPort);
        ((ObjectNode) list.get(1)).put("port", southPort);
        return config.withSection("resident", new YAMLMapper().readTree("""
                enabled: true
                ami: {host: 127.0.0.1, port: %d, username: %s, secret: %s}
                """.formatted(amiPort, RealAsterisk.AMI_USER, RealAsterisk.AMI_SECRET)));
    }

    private static JsonNode setup(CallFile file) {
        return file.first("CALL_SETUP").orElseThrow().path("data");
    }

    private static String greeting(CallFile file) {
        return file.first("GREETING").orElseThrow().path("data").path("text").asText();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
