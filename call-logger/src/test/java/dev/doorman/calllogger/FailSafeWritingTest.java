package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.calllogger.writer.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.doorman.calllogger.CallFiles.fileOf;
import static dev.doorman.calllogger.CallFiles.read;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IO failures never reach the call; they are counted, writing resumes once the directory works, a
 * lost file is started again properly, and what cannot be written is given up, counted and said once.
 * Faults are real file-system changes or injected through {@link FaultyFileSystem}: permissions do
 * not stop root, and CI runs as root.
 */
class FailSafeWritingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path root;

    @Test
    void logDirectoryReplacedByAFileThenRestored() throws Exception {
        Path dir = root.resolve("logs");
        Files.createFile(dir);
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build())) {
            CallLogger logger = manager.getLogger(id);
            for (int i = 0; i < 10; i++) {
                int n = i;
                assertDoesNotThrow(() -> logger.logEvent("STEP", Map.of("i", n)));
            }
            await().atMost(WAIT).until(() -> manager.stats().writeErrors() > 0);
            assertEquals(0, manager.stats().eventsWritten());

            Files.delete(dir); // fixed: the writer recreates the directory by itself
            logger.logEvent("AFTER_FIX", Map.of());
            await().atMost(WAIT).until(() -> read(fileOf(dir, id)).size() == 12);
            List<JsonNode> lines = read(fileOf(dir, id));
            CallFiles.assertWellFormed(lines, id, 0);
            assertEquals("AFTER_FIX", lines.get(11).get("event").asText(), "events kept during the outage land in order");
        }
    }

    @Test
    void readOnlyDirectoryThenWritableAgain() {
        FaultyFileSystem fs = new FaultyFileSystem();
        fs.denyOpens = true;
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root).build(), fs)) {
            CallLogger logger = manager.getLogger(id);
            assertDoesNotThrow(() -> logger.logGreeting("hi"));
            await().atMost(WAIT).until(() -> manager.stats().writeErrors() > 0);
            assertFalse(Files.exists(fileOf(root, id)));
            fs.denyOpens = false;
            await().atMost(WAIT).until(() -> read(fileOf(root, id)).size() == 2);
            CallFiles.assertWellFormed(read(fileOf(root, id)), id, 0);
            assertEquals(0, manager.stats().eventsDropped());
        }
    }

    @Test
    void fileDeletedMidCallIsStartedAgainWithSetupAndTheGapExplained() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = fileOf(root, id);
        long countedLost;
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root).build())) {
            CallLogger logger = manager.getLogger(id, Map.of("remote", "10.0.0.7:4000"));
            logger.logGreeting("hello");
            await().atMost(WAIT).until(() -> read(file).size() == 2);
            Files.delete(file);
            logger.logEvent("AFTER_DELETE", Map.of());
            logger.logCallEnded("done");
            await().atMost(WAIT).until(() -> manager.stats().openFiles() == 0
                    && read(file).stream().anyMatch(l -> l.get("event").asText().equals("CALL_ENDED")));
            countedLost = droppedFileReplaced(manager);
        }
        List<JsonNode> lines = read(file);
        CallFiles.assertWellFormed(lines, id, lines.get(0).get("seq").asLong()); // seq goes on from the lost file
        List<String> events = events(lines);
        assertEquals(List.of("CALL_SETUP", "EVENTS_DROPPED"), events.subList(0, 2));
        assertEquals("CALL_ENDED", events.get(events.size() - 1));
        assertTrue(lines.get(0).get("data").get("resumed").asBoolean());
        assertEquals("10.0.0.7:4000", lines.get(0).get("data").get("remote").asText(), "the setup data again");
        assertEquals(lines.get(0).get("seq").asLong(), lines.get(1).get("data").get("count").asLong(),
                "every earlier seq is explained");
        assertEquals("file_replaced", lines.get(1).get("data").get("reason").asText());
        // AFTER_DELETE went either into the new file or into the deleted one before the writer
        // noticed: then it is counted.
        assertTrue(events.contains("AFTER_DELETE") || countedLost >= 1, events + ", counted " + countedLost);
    }

    @Test
    void directoryDeletedMidCallEveryFileStartsProperlyAndLinesIntoTheVoidAreCounted() throws Exception {
        Path dir = root.resolve("logs");
        int calls = 5;
        int after = 5;
        List<String> ids = new ArrayList<>();
        long countedLost;
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build())) {
            List<CallLogger> loggers = new ArrayList<>();
            for (int c = 0; c < calls; c++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                CallLogger logger = manager.getLogger(id);
                logger.logGreeting("hello");
                loggers.add(logger);
            }
            await().atMost(WAIT).until(() -> manager.stats().eventsWritten() == 2L * calls);
            deleteTree(dir);
            for (int i = 0; i < after; i++) {
                for (CallLogger logger : loggers) {
                    logger.logEvent("STEP", Map.of("i", i));
                }
            }
            loggers.forEach(logger -> logger.logCallEnded("done"));
            await().atMost(WAIT).until(() -> manager.stats().openFiles() == 0);
            countedLost = droppedFileReplaced(manager);
        }
        long stepsInNewFiles = 0;
        for (String id : ids) {
            List<JsonNode> lines = read(fileOf(dir, id));
            assertEquals("CALL_SETUP", lines.get(0).get("event").asText(), id);
            assertTrue(lines.get(0).get("data").get("resumed").asBoolean(), id);
            long first = lines.get(0).get("seq").asLong();
            CallFiles.assertWellFormed(lines, id, first);
            assertEquals("EVENTS_DROPPED", lines.get(1).get("event").asText());
            assertEquals(first, lines.get(1).get("data").get("count").asLong(), "every earlier seq is explained");
            assertEquals("CALL_ENDED", lines.get(lines.size() - 1).get("event").asText());
            stepsInNewFiles += lines.stream().filter(l -> l.get("event").asText().equals("STEP")).count();
        }
        // Steps that went into the deleted files before the writer noticed are counted, not silent.
        assertTrue(stepsInNewFiles + countedLost >= (long) calls * after,
                "written " + stepsInNewFiles + " + counted " + countedLost + " < logged " + calls * after);
    }

    @Test
    void fileDeletedJustBeforeTheEndStillEndsInANewFile() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = fileOf(root, id);
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root).build())) {
            CallLogger logger = manager.getLogger(id);
            logger.logGreeting("hello");
            await().atMost(WAIT).until(() -> read(file).size() == 2);
            Files.delete(file);
            logger.logCallEnded("caller_hangup"); // the end is checked before the file is closed
            await().atMost(WAIT).until(() -> read(file).size() == 3);
        }
        List<JsonNode> lines = read(file);
        assertEquals(List.of("CALL_SETUP", "EVENTS_DROPPED", "CALL_ENDED"), events(lines));
        CallFiles.assertWellFormed(lines, id, lines.get(0).get("seq").asLong());
        assertEquals("caller_hangup", lines.get(2).get("data").get("reason").asText());
    }

    @Test
    void symlinkAtTheCallsPathIsNotFollowedAndIsGivenUpOnceAfterABoundedTime() throws Exception {
        Path target = Files.createFile(root.resolve("victim.txt"));
        String id = UUID.randomUUID().toString();
        Files.createSymbolicLink(fileOf(root, id), target);
        try (LogCapture log = new LogCapture(LogWriter.class);
             CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root)
                     .giveUpAfter(Duration.ofMillis(300)).build())) {
            CallLogger logger = manager.getLogger(id);
            logger.logGreeting("hello");
            await().atMost(WAIT).until(() -> !log.messagesContaining("giving up call log").isEmpty());
            assertEquals(2, manager.stats().eventsDropped(), "CALL_SETUP and GREETING, given up");
            long errors = manager.stats().writeErrors();
            for (int i = 0; i < 5; i++) {
                logger.logEvent("STEP", Map.of("i", i));
            }
            await().atMost(WAIT).until(() -> manager.stats().eventsDropped() == 7);
            assertEquals(errors, manager.stats().writeErrors(), "no more attempts after giving up");
            assertEquals(1, log.messagesContaining("giving up call log").size(), "said once");
            assertFalse(log.anyStackTrace(), "an environment failure is not a bug: no stack trace");
        }
        assertTrue(Files.isSymbolicLink(fileOf(root, id)));
        assertEquals(0, Files.size(target), "never written through the link");
    }

    @Test
    void closeWithAnUnwritableDirectoryWaitsBoundedThenCountsAndSaysWhatItGaveUp() {
        FaultyFileSystem fs = new FaultyFileSystem();
        fs.denyOpens = true;
        int calls = 20;
        CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root)
                .shutdownGrace(Duration.ofMillis(300)).build(), fs);
        try (LogCapture log = new LogCapture(LogWriter.class)) {
            for (int c = 0; c < calls; c++) {
                CallLogger logger = manager.getLogger(UUID.randomUUID().toString());
                logger.logGreeting("hello");
                logger.logEvent("STEP", Map.of());
            }
            manager.close(); // CALL_ENDED{shutdown} for each: 4 lines per call, none writable
            assertTrue(fs.deniedOpens.get() > calls, "it retried during the grace");
            assertEquals(4L * calls, manager.stats().eventsDropped());
            assertEquals(0, manager.stats().eventsWritten());
            List<String> said = log.messagesContaining("gave up");
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).contains((4 * calls) + " lines of " + calls + " calls"), said.get(0));
        }
    }

    @Test
    void aCutLastLineFromACrashIsNotGluedToNewLines() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = fileOf(root, id);
        Files.writeString(file, "{\"ts\":\"2026-01-01T00:00:00.000000Z\",\"call_id\":\"" + id + "\",\"seq\":0,\"eve");
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root).build())) {
            manager.getLogger(id).logGreeting("hi");
            await().atMost(WAIT).until(() -> manager.stats().eventsWritten() == 2);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size()); // cut line, CALL_SETUP, GREETING, CALL_ENDED
        assertEquals("CALL_SETUP", new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(1))
                .get("event").asText());
    }

    private static List<String> events(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("event").asText()).toList();
    }

    private static long droppedFileReplaced(CallLoggerManager manager) {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        manager.metrics().bindTo(registry);
        return (long) registry.get("calllog.events.dropped").tag("reason", "file_replaced").functionCounter().count();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
