package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
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
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** IO failures never reach the call; they are counted, and writing resumes once the directory works. */
class FailSafeWritingTest {
    @TempDir
    Path root;

    @Test
    void logDirectoryReplacedByAFileThenRestored() throws Exception {
        // Root ignores permissions, so break the directory for real: a regular file where it should be.
        Path dir = root.resolve("logs");
        Files.createFile(dir);
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build())) {
            CallLogger logger = manager.getLogger(id);
            for (int i = 0; i < 10; i++) {
                int n = i;
                assertDoesNotThrow(() -> logger.logEvent("STEP", Map.of("i", n)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats().writeErrors() > 0);
            assertEquals(0, manager.stats().eventsWritten());

            Files.delete(dir); // fixed: the writer recreates the directory by itself
            logger.logEvent("AFTER_FIX", Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 12);
            List<JsonNode> lines = read(fileOf(dir, id));
            CallFiles.assertWellFormed(lines, id, 0);
            assertEquals("AFTER_FIX", lines.get(11).get("event").asText(), "events kept during the outage land in order");
        }
    }

    @Test
    void fileDeletedUnderUsIsRecreatedAndSeqContinues() throws Exception {
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root).build())) {
            CallLogger logger = manager.getLogger(id);
            logger.logGreeting("hello");
            Path file = fileOf(root, id);
            await().atMost(Duration.ofSeconds(10)).until(() -> read(file).size() == 2);
            Files.delete(file);
            // The writer notices the vanished file and closes it; the next event creates a new file.
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats().openFiles() == 0);
            logger.logEvent("AFTER_DELETE", Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> read(file).size() == 1);
            JsonNode line = read(file).get(0);
            assertEquals("AFTER_DELETE", line.get("event").asText());
            assertEquals(2, line.get("seq").asLong(), "seq continues: the reader sees lines 0-1 are missing");
        }
    }

    @Test
    void readOnlyDirectoryWhenNotRoot() throws Exception {
        Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root ignores directory permissions");
        Path dir = Files.createDirectory(root.resolve("ro"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build())) {
            CallLogger logger = manager.getLogger(id);
            assertDoesNotThrow(() -> logger.logGreeting("hi"));
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats().writeErrors() > 0);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            await().atMost(Duration.ofSeconds(10)).until(() -> read(fileOf(dir, id)).size() == 2);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aCutLastLineFromACrashIsNotGluedToNewLines() throws Exception {
        String id = UUID.randomUUID().toString();
        Path file = fileOf(root, id);
        Files.writeString(file, "{\"ts\":\"2026-01-01T00:00:00.000000Z\",\"call_id\":\"" + id + "\",\"seq\":0,\"eve");
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root).build())) {
            manager.getLogger(id).logGreeting("hi");
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats().eventsWritten() == 2);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size()); // cut line, CALL_SETUP, GREETING, CALL_ENDED
        assertEquals("CALL_SETUP", new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(1))
                .get("event").asText());
    }
}
