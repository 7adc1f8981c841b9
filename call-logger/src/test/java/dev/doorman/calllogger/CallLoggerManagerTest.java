package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.events.Party;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.doorman.calllogger.CallFiles.fileOf;
import static dev.doorman.calllogger.CallFiles.read;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallLoggerManagerTest {
    @TempDir
    Path dir;
    CallLoggerManager manager;

    @BeforeEach
    void start() {
        manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build());
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    @Test
    void writesTheSchemaWithSetupFirstAndEndedLast() {
        String id = UUID.randomUUID().toString();
        CallLogger logger = manager.getLogger(id, Map.of("peer", "127.0.0.1"));
        logger.logGreeting("Hello");
        logger.logSpeechEnded(Party.VISITOR, 1, 1200.5, 300.0);
        logger.logTranscriptionComplete(Party.VISITOR, 1, "apartment 42", 412.3, "vosk");
        logger.logEvent("MY_CUSTOM", Map.of("k", List.of(1, 2)));
        logger.logCallEnded("caller_hangup");

        await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 6);
        List<JsonNode> lines = read(fileOf(dir, id));
        CallFiles.assertWellFormed(lines, id, 0);
        assertEquals(List.of("CALL_SETUP", "GREETING", "SPEECH_ENDED", "TRANSCRIPTION_COMPLETE", "MY_CUSTOM", "CALL_ENDED"),
                lines.stream().map(l -> l.get("event").asText()).toList());
        assertEquals("127.0.0.1", lines.get(0).get("data").get("peer").asText());
        assertEquals(0.0, lines.get(0).get("elapsed_ms").asDouble());
        JsonNode transcript = lines.get(3).get("data");
        assertEquals("visitor", transcript.get("source").asText());
        assertEquals(1, transcript.get("turn").asInt());
        assertEquals("apartment 42", transcript.get("text").asText());
        assertEquals(412.3, transcript.get("duration_ms").asDouble());
        assertEquals("vosk", transcript.get("provider").asText());
        assertEquals(2, lines.get(4).get("data").get("k").size());
        JsonNode ended = lines.get(5).get("data");
        assertEquals("caller_hangup", ended.get("reason").asText());
        assertTrue(ended.get("total_duration_ms").asDouble() >= 0);
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).get("elapsed_ms").asDouble() >= lines.get(i - 1).get("elapsed_ms").asDouble(),
                    "elapsed_ms is monotonic");
        }
    }

    @Test
    void sameLoggerForTheSameCallAndUpperCaseIsNormalized() {
        String id = UUID.randomUUID().toString();
        CallLogger first = manager.getLogger(id.toUpperCase());
        assertSame(first, manager.getLogger(id));
        assertEquals(id, first.callId());
        assertEquals(java.util.Set.of(id), manager.activeCallIds());
        first.logCallEnded("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 2);
        assertFalse(Files.exists(dir.resolve(id.toUpperCase() + ".jsonl")));
    }

    @Test
    void eventsAfterTheEndAreDroppedAndCountedNotThrown() {
        String id = UUID.randomUUID().toString();
        CallLogger logger = manager.getLogger(id);
        logger.logCallEnded("server_hangup");
        assertFalse(logger.isOpen());
        assertTrue(manager.activeCallIds().isEmpty());
        logger.logGreeting("too late");
        logger.logCallEnded("again");
        assertEquals(2, manager.stats().eventsDropped());
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats().eventsWritten() == 2);
        List<JsonNode> lines = read(fileOf(dir, id));
        assertEquals(2, lines.size());
        assertEquals("server_hangup", lines.get(1).get("data").get("reason").asText());
    }

    @Test
    void removeLoggerEndsAnOpenCallAndForgetsIt() {
        String id = UUID.randomUUID().toString();
        CallLogger logger = manager.getLogger(id);
        manager.removeLogger(id);
        assertFalse(logger.isOpen());
        assertTrue(manager.activeCallIds().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 2);
        assertEquals("removed", read(fileOf(dir, id)).get(1).get("data").get("reason").asText());
        manager.removeLogger(UUID.randomUUID().toString()); // unknown call: nothing happens
    }

    @Test
    void aCallLoggedAgainAfterItsEndContinuesItsSeq() {
        String id = UUID.randomUUID().toString();
        manager.getLogger(id).logCallEnded("transfer");
        CallLogger again = manager.getLogger(id);
        assertTrue(again.isOpen());
        again.logCallEnded("done");
        await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 4);
        CallFiles.assertWellFormed(read(fileOf(dir, id)), id, 0);
    }

    @Test
    void filesAreOwnerReadWriteOnly() throws Exception {
        String id = UUID.randomUUID().toString();
        manager.getLogger(id).logGreeting("hi");
        await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 2);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fileOf(dir, id))));
    }

    @Test
    void nullAndOddValuesAreWrittenNotThrown() {
        String id = UUID.randomUUID().toString();
        CallLogger logger = manager.getLogger(id);
        logger.logTranscriptionComplete(Party.VISITOR, 1, null, Double.NaN, "vosk");
        logger.logEvent((String) null, null);
        logger.logError("timeout", "stt timed out", "transcription", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 4);
        List<JsonNode> lines = read(fileOf(dir, id));
        assertTrue(lines.get(1).get("data").get("text").isNull());
        assertTrue(lines.get(1).get("data").get("duration_ms").isNull());
        assertEquals("UNKNOWN", lines.get(2).get("event").asText());
        assertEquals(0, lines.get(3).get("data").get("details").size());
    }

    @Test
    void configRejectsNonsense() {
        var builder = CallLoggerConfig.builder();
        assertThrowsIae(() -> builder.queueCapacity(1));
        assertThrowsIae(() -> builder.maxOpenFiles(0));
        assertThrowsIae(() -> builder.retentionDays(-1));
        assertThrowsIae(() -> builder.closeTimeout(Duration.ZERO));
    }

    private static void assertThrowsIae(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }
}
