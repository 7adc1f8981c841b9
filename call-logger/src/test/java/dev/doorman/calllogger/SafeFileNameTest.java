package dev.doorman.calllogger;

import dev.doorman.events.CallId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only canonical UUIDs become file names, and a planted symlink is never followed. */
class SafeFileNameTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "", " ", "not-a-uuid", "6f1c2a9e0b3d4c529a551d2f3e4a5b6c",
            "6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c.jsonl", "6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6g",
            "{6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c}", "6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c\n",
            "../6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6"})
    void badCallIdsAreRejectedAndNoFileIsTouched(String bad) throws Exception {
        Path dir = root.resolve("logs");
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manager.getLogger(bad));
            assertTrue(e.getMessage().contains("UUID"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> manager.removeLogger(bad));
            assertTrue(manager.activeCallIds().isEmpty());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void nullCallIdIsRejected() {
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(root).build())) {
            assertThrows(IllegalArgumentException.class, () -> manager.getLogger(null));
        }
    }

    @Test
    void symlinkAtTheCallsPathIsNotFollowed() throws Exception {
        Path dir = Files.createDirectory(root.resolve("logs"));
        Path victim = Files.writeString(root.resolve("victim.txt"), "precious\n");
        String id = UUID.randomUUID().toString();
        Path link = Files.createSymbolicLink(dir.resolve(id + ".jsonl"), victim);
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .shutdownGrace(Duration.ofMillis(200)).build())) {
            CallLogger logger = manager.getLogger(id);
            logger.logEvent("STEP", Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats().writeErrors() > 0);
            assertEquals(0, manager.stats().eventsWritten());
        }
        assertEquals("precious\n", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void upperCaseIdsAreNormalized() {
        String id = UUID.randomUUID().toString();
        assertEquals(id, CallId.normalize(id.toUpperCase()));
        assertTrue(CallId.isValid(id.toUpperCase()));
    }
}
