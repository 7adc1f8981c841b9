package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.doorman.calllogger.CallFiles.fileOf;
import static dev.doorman.calllogger.CallFiles.read;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A clean stop loses nothing: everything queued is written, open calls get CALL_ENDED{shutdown}. */
class CloseTest {
    @TempDir
    Path dir;

    @Test
    void closeWithEventsInFlightLosesNone() {
        int calls = 50;
        int events = 2_000;
        List<String> ids = new ArrayList<>();
        CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .queueCapacity(calls * (events + 2)).maxOpenFiles(8).build());
        for (int c = 0; c < calls; c++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            CallLogger logger = manager.getLogger(id);
            for (int e = 0; e < events; e++) {
                logger.logEvent("STEP", Map.of("i", e));
            }
        }
        manager.close(); // right away: most events are still queued
        CallLoggerStats stats = manager.stats();
        assertEquals(0, stats.eventsDropped());
        assertEquals((long) calls * (events + 2), stats.eventsWritten());
        assertEquals(0, stats.queueDepth());
        assertEquals(0, stats.openFiles());
        for (String id : ids) {
            List<JsonNode> lines = read(fileOf(dir, id));
            assertEquals(events + 2, lines.size());
            CallFiles.assertWellFormed(lines, id, 0);
            JsonNode last = lines.get(lines.size() - 1);
            assertEquals("CALL_ENDED", last.get("event").asText());
            assertEquals("shutdown", last.get("data").get("reason").asText());
        }
    }

    @Test
    void afterCloseNothingThrowsAndEventsAreCounted() {
        CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build());
        CallLogger logger = manager.getLogger(UUID.randomUUID().toString());
        manager.close();
        assertFalse(logger.isOpen());
        assertDoesNotThrow(() -> logger.logGreeting("late"));
        assertDoesNotThrow(manager::close);
        assertEquals(1, manager.stats().eventsDropped());
    }

    @Test
    void shutdownHookCanBeRegisteredAndCloseRemovesIt() {
        CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build());
        manager.registerShutdownHook();
        manager.registerShutdownHook();
        assertDoesNotThrow(manager::close);
    }
}
