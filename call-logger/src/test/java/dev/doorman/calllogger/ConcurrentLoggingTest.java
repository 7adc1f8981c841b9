package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.doorman.calllogger.CallFiles.fileOf;
import static dev.doorman.calllogger.CallFiles.read;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 calls x 200 events from 16 threads that never hold back: with a queue that holds the run,
 * every file is complete, in order and gap-free; with the default queue, it overflows, and every
 * event is still accounted for in its own file (written, or counted by an EVENTS_DROPPED line
 * before CALL_ENDED) and in the metrics.
 */
class ConcurrentLoggingTest {
    private static final int CALLS = 1_000;
    private static final int EVENTS = 200;
    private static final int THREADS = 16;

    @TempDir
    Path dir;

    @Test
    void everyCallFileIsCompleteOrderedAndGapFree() throws Exception {
        // The queue holds the whole run, so no event may be dropped and every count must match exactly.
        CallLoggerConfig config = CallLoggerConfig.builder().logDir(dir)
                .queueCapacity(CALLS * (EVENTS + 2)).maxOpenFiles(64).build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        try (CallLoggerManager manager = new CallLoggerManager(config)) {
            InterleavedProducers.run(manager, ids, EVENTS, THREADS);
            long expected = (long) CALLS * (EVENTS + 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> manager.stats().eventsWritten() == expected);
            CallLoggerStats stats = manager.stats();
            assertEquals(0, stats.eventsDropped());
            assertEquals(0, stats.writeErrors());
            assertEquals(0, stats.openFiles(), "ended calls' files are closed");
        }
        for (String id : ids) {
            List<JsonNode> lines = read(fileOf(dir, id));
            assertEquals(EVENTS + 2, lines.size(), id);
            CallFiles.assertWellFormed(lines, id, 0);
            assertEquals("CALL_SETUP", lines.get(0).get("event").asText());
            for (int e = 0; e < EVENTS; e++) {
                assertEquals(e, lines.get(e + 1).get("data").get("i").asInt(), "order of " + id);
            }
            assertEquals("CALL_ENDED", lines.get(EVENTS + 1).get("event").asText());
        }
    }

    @Test
    void writtenPlusCountedEqualsLoggedForEveryFile() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        CallLoggerStats stats;
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build())) {
            InterleavedProducers.run(manager, ids, EVENTS, THREADS);
            manager.close(); // at once, with the queue still full
            stats = manager.stats();
        }
        long droppedInFiles = 0;
        long written = 0;
        for (String id : ids) {
            List<JsonNode> lines = read(fileOf(dir, id));
            CallFiles.assertWellFormed(lines, id, 0);
            assertEquals("CALL_SETUP", lines.get(0).get("event").asText(), id);
            assertEquals("CALL_ENDED", lines.get(lines.size() - 1).get("event").asText(), id);
            assertEquals("done", lines.get(lines.size() - 1).get("data").get("reason").asText(), id);
            long steps = 0;
            long counted = 0;
            int previous = -1;
            for (JsonNode line : lines) {
                String event = line.get("event").asText();
                if (event.equals("STEP")) {
                    steps++;
                    int i = line.get("data").get("i").asInt();
                    assertTrue(i > previous, "order of " + id);
                    previous = i;
                } else if (event.equals("EVENTS_DROPPED")) {
                    assertEquals("queue_full", line.get("data").get("reason").asText());
                    counted += line.get("data").get("count").asLong();
                }
            }
            assertEquals(EVENTS, steps + counted, "written + counted = logged in " + id);
            droppedInFiles += counted;
            written += lines.size();
        }
        assertTrue(droppedInFiles > 0, "the test must overflow the queue to mean anything");
        assertEquals(droppedInFiles, stats.eventsDropped(), "the metrics count what the files count");
        assertEquals(written, stats.eventsWritten());
    }
}
