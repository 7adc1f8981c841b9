package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.doorman.calllogger.CallFiles.fileOf;
import static dev.doorman.calllogger.CallFiles.read;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** 1,000 calls x 200 events from 16 threads: every file complete, in order, gap-free. */
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
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    // Each thread owns every 16th call and interleaves its calls event by event.
                    List<CallLogger> mine = new ArrayList<>();
                    for (int c = thread; c < CALLS; c += THREADS) {
                        mine.add(manager.getLogger(ids.get(c)));
                    }
                    for (int e = 0; e < EVENTS; e++) {
                        for (CallLogger logger : mine) {
                            logger.logEvent("STEP", Map.of("i", e));
                        }
                    }
                    mine.forEach(logger -> logger.logCallEnded("done"));
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
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
}
