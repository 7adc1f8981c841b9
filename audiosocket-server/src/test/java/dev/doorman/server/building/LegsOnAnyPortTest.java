package dev.doorman.server.building;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.audio.WavFile;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.CallSnapshot;
import dev.doorman.server.call.LegRouter;
import dev.doorman.server.config.ServerConfig;
import dev.doorman.server.resident.ResidentLegs;
import dev.doorman.server.simulator.CallResult;
import dev.doorman.server.simulator.CallSimulator;
import dev.doorman.server.simulator.SimulationOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A resident leg is claimed by its UUID on whichever of the server's ports it connects to (its
 * building's own, or another building's used as a shared callback port), and stays its visit's
 * building; a UUID nobody waits for on that port is a new call of the port's building.
 */
class LegsOnAnyPortTest {
    @TempDir
    Path logs;

    @Test
    void aLegOfNorthArrivingOnSouthsPortReachesItsVisit() throws Exception {
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config = defaults.withServer(defaults.server().withBind("127.0.0.1"))
                .withLogging(defaults.logging().withDir(logs.toString()))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0));
        ResidentLegs northLegs = new ResidentLegs(Clock.systemUTC());
        var greeting = DoormanServer.greetingBehavior(config);
        DoormanServer server = DoormanServer.builder(config)
                .entrance(new DoormanServer.Entrance("north", 0, greeting, northLegs))
                .entrance(new DoormanServer.Entrance("south", 0, greeting, LegRouter.NONE))
                .build().start();
        try (CallSimulator simulator = new CallSimulator(2)) {
            String visit = UUID.randomUUID().toString();
            CallLogger visitLog = server.callLoggers().getLogger(visit);
            UUID legId = UUID.randomUUID();
            CompletableFuture<CallSnapshot> seen = new CompletableFuture<>();
            northLegs.expect(legId, visitLog, () -> new CallBehavior() {
                @Override
                public void onCallStarted(CallControl call) {
                    seen.complete(server.activeCalls().stream()
                            .filter(c -> c.callId().equals(call.callId())).findFirst().orElseThrow());
                    call.hangup();
                }
            });

            CallResult leg = simulator.call(silence(server.audioSocketPort("south")), legId.toString())
                    .get(30, TimeUnit.SECONDS);
            CallSnapshot snapshot = seen.get(10, TimeUnit.SECONDS);
            assertEquals("north", snapshot.building(), "the leg keeps its visit's building");
            assertEquals("resident", snapshot.party());
            assertTrue(leg.outcome().endedByServer(), leg.outcome().toString());
            assertEquals(0, northLegs.awaited());
            assertEquals(0, server.callMetrics().startedCount("south"), "a leg is not a new call");
            assertTrue(!Files.exists(logs.resolve(legId + ".jsonl")), "the leg logs into its visit's file");

            // The same UUID again, or any other, is a new call of the port's building.
            String other = UUID.randomUUID().toString();
            simulator.call(silence(server.audioSocketPort("south")).toBuilder()
                    .silenceAfter(Duration.ofMillis(300)).build(), other).get(30, TimeUnit.SECONDS);
            assertEquals(1, server.callMetrics().startedCount("south"));
            List<String> lines = Files.readAllLines(logs.resolve(other + ".jsonl"));
            assertTrue(lines.get(0).contains("\"building\":\"south\""), lines.get(0));
            server.callLoggers().removeLogger(visit);
        } finally {
            server.close();
        }
    }

    private static SimulationOptions silence(int port) {
        return SimulationOptions.builder("127.0.0.1", port, new WavFile(8000, new byte[1600]))
                .silenceAfter(Duration.ofSeconds(5))
                .build();
    }
}
