package dev.doorman.server.call;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that do what Asterisk never does, injected over real sockets: dribbling bytes, stopping
 * mid-frame, never sending the UUID, not reading, closing half-way. Each must cost only its own
 * connection, be counted, and never keep real calls out.
 */
class PeerFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path logs;
    private DoormanServer server;
    private final List<TestClient> clients = new ArrayList<>();
    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws Exception {
        dribbler.shutdownNow();
        for (TestClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(UnaryOperator<ServerConfig.Server> tweak) {
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config = defaults
                .withServer(tweak.apply(defaults.server().withBind("127.0.0.1").withPort(0)))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0))
                .withLogging(defaults.logging().withDir(logs.toString()));
        server = DoormanServer.builder(config).behaviors(info -> call -> { }).build().start();
    }

    private TestClient connect() throws Exception {
        TestClient client = new TestClient(server.audioSocketPort());
        clients.add(client);
        return client;
    }

    private String endReason(TestClient client) {
        await().atMost(WAIT).until(() -> CallLogs.ended(logs, client.id()));
        return CallLogs.first(logs, client.id(), "CALL_ENDED").get("reason").asText();
    }

    @Test
    void aUuidDribbledByteByByteIsCutOffAtTheUuidDeadline() throws Exception {
        start(s -> s.withPendingLimits(300, 128));
        TestClient slow = connect();
        byte[] uuid = slow.uuidFrame();
        int[] sent = {0};
        dribbler.scheduleAtFixedRate(() -> {
            try {
                if (sent[0] < uuid.length) {
                    slow.sendRaw(new byte[] {uuid[sent[0]++]});
                }
            } catch (Exception closed) {
                // the server closed it: expected
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        assertTrue(slow.next(WAIT).isEof(), "closed without a frame");
        assertTrue(sent[0] < uuid.length, "closed before the 19 bytes were complete: " + sent[0]);
        assertEquals(1, server.callMetrics().refusedCount("uuid_timeout"));
        assertEquals(List.of(), CallLogs.types(logs, slow.id()));
    }

    @Test
    void connectionsWithoutAUuidNeitherHoldCallSlotsNorKeepNewConnectionsOut() throws Exception {
        start(s -> s.withLimits(2, 30, 600).withPendingLimits(30_000, 3));
        List<TestClient> silent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            silent.add(connect());
            int admitted = i;
            await().atMost(WAIT).until(() -> pending() == admitted); // admitted in connect order
        }
        assertEquals(3, server.meterRegistry().get("doorman.connections.pending").gauge().value());
        TestClient a = connect();
        a.sendUuid();
        await().atMost(WAIT).until(() -> CallLogs.types(logs, a.id()).contains("CALL_SETUP"));
        TestClient b = connect();
        b.sendUuid();
        for (TestClient call : List.of(a, b)) {
            await().atMost(WAIT).until(() -> CallLogs.types(logs, call.id()).contains("CALL_SETUP"));
            assertFalse(call.next(WAIT).isEof());
        }
        // a's arrival made 4 pending: the oldest made room; a's UUID then left 2 waiting, room for b.
        assertEquals(1, server.callMetrics().refusedCount("max_pending"));
        assertTrue(silent.get(0).next(WAIT).isEof(), "the oldest silent connection was closed");
        assertEquals(2, pending(), "the other two still wait");
        assertEquals(0, server.callMetrics().refusedCount("max_calls"));
    }

    private int pending() {
        return server.pendingConnections();
    }

    @Test
    void bytesDribbledAfterTheUuidDoNotKeepACallAlive() throws Exception {
        start(s -> s.withLimits(2000, 1, 600));
        TestClient dribbling = connect();
        dribbling.sendUuid();
        dribbling.sendRaw(new byte[] {0x10, 0x01, 0x40}); // a 320-byte audio frame begins...
        dribbler.scheduleAtFixedRate(() -> {
            try {
                dribbling.sendRaw(new byte[] {7}); // ...and goes on one byte every 100 ms
            } catch (Exception closed) {
                // the server closed it: expected
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        assertEquals("protocol_error", endReason(dribbling), "a byte is not a frame: the idle timer counts frames");
        JsonNode error = CallLogs.first(logs, dribbling.id(), "ERROR");
        assertEquals("incomplete_frame", error.get("details").get("violation").asText());
        assertEquals(1, server.callMetrics().protocolErrorCount("incomplete_frame"));
    }

    @Test
    void aPeerThatStopsReadingIsHungUpAsASlowReader() throws Exception {
        start(s -> s);
        TestClient deaf = TestClient.notReading(server.audioSocketPort());
        clients.add(deaf);
        deaf.sendUuid();
        // It keeps sending audio (so it is not idle) but never reads the server's. At 48 kHz (the
        // server follows the caller's kind) the buffers fill six times faster than at 8 kHz.
        dribbler.scheduleAtFixedRate(() -> {
            try {
                deaf.send(0x16, new byte[1920]);
            } catch (Exception closed) {
                // the server closed it: expected
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        long startNanos = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> CallLogs.ended(logs, deaf.id()));
        System.out.printf("peer stopped reading: hung up after %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
        assertEquals("slow_reader", CallLogs.first(logs, deaf.id(), "CALL_ENDED").get("reason").asText());
        assertTrue(server.callMetrics().framesSkipped() > 0);
    }

    @Test
    void aPeerThatClosesHalfWayThroughAFrameHasHungUp() throws Exception {
        start(s -> s);
        TestClient client = connect();
        client.sendUuid();
        client.sendRaw(new byte[] {0x10, 0x01, 0x40, 1, 2, 3, 4});
        await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("CALL_SETUP"));
        client.close();
        assertEquals("caller_hangup", endReason(client));
        List<JsonNode> events = CallLogs.events(logs, client.id());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).get("seq").asInt(), "complete file, no seq gap");
        }
    }

    @Test
    void aHalfClosedConnectionIsAHangup() throws Exception {
        // Asterisk never half-closes: its FIN is the end of the call, even if it would still read.
        start(s -> s);
        TestClient client = connect();
        client.sendUuid();
        await().atMost(WAIT).until(() -> CallLogs.types(logs, client.id()).contains("CALL_SETUP"));
        client.shutdownOutput();
        assertEquals("caller_hangup", endReason(client));
        assertTrue(client.nextNonAudio(WAIT).isEof());
    }

    @Test
    void aFloodOfBadConnectionsIsCountedButLoggedOncePerSecond() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(AudioSocketChannelInitializer.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        try {
            start(s -> s);
            int bad = 40;
            for (int i = 0; i < bad; i++) {
                TestClient client = connect();
                client.send(0x10, new byte[320]); // audio before the UUID
                assertTrue(client.next(WAIT).isEof());
            }
            assertEquals(bad, server.callMetrics().protocolErrorCount("uuid_expected"), "every one counted");
            long warned = lines.list.stream().filter(e -> e.getFormattedMessage().startsWith("protocol error")).count();
            assertEquals(bad - warned, server.callMetrics().warningsSuppressed(), "every line left out counted");
            assertEquals(bad - warned, server.meterRegistry().get("doorman.warnings.suppressed").functionCounter().count());
            assertTrue(warned >= 1 && warned < bad / 2, warned + " WARN lines for " + bad + " bad connections");
            assertTrue(Files.list(logs).findAny().isEmpty(), "no call files");
        } finally {
            log.detachAppender(lines);
        }
    }

    @Test
    void aSecondCallWithTheSameIdIsRefusedWithAHangupFrame() throws Exception {
        start(s -> s);
        TestClient first = connect();
        first.sendUuid();
        await().atMost(WAIT).until(() -> CallLogs.types(logs, first.id()).contains("CALL_SETUP"));
        TestClient again = connect();
        again.sendRaw(first.uuidFrame());
        assertEquals(0x00, again.next(WAIT).kind(), "the hangup frame: the dialplan continues");
        assertTrue(again.next(WAIT).isEof());
        assertEquals(1, server.callMetrics().refusedCount("duplicate_call"));
        assertFalse(CallLogs.ended(logs, first.id()), "the call in progress is untouched");
    }

    @Test
    void aRealCallIsUnaffectedByAllOfThem() throws Exception {
        start(s -> s.withLimits(2, 1, 600).withPendingLimits(500, 2));
        TestClient silentPending = connect();
        TestClient dribbling = connect();
        dribbling.sendRaw(Arrays.copyOf(dribbling.uuidFrame(), 10));
        TestClient real = connect();
        real.sendUuid();
        await().atMost(WAIT).until(() -> CallLogs.types(logs, real.id()).contains("CALL_SETUP"));
        assertTrue(silentPending.next(WAIT).isEof());
        assertTrue(dribbling.next(WAIT).isEof());
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !CallLogs.ended(logs, real.id()));
    }
}
