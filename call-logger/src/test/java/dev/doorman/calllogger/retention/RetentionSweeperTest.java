package dev.doorman.calllogger.retention;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionSweeperTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path dir;

    private Path callFile(String id, Duration age) throws Exception {
        Path file = Files.writeString(dir.resolve(id + ".jsonl"), "{}\n");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return file;
    }

    @Test
    void deletesOnlyExpiredCallFiles() throws Exception {
        String activeId = UUID.randomUUID().toString();
        Path old = callFile(UUID.randomUUID().toString(), Duration.ofDays(8));
        Path fresh = callFile(UUID.randomUUID().toString(), Duration.ofDays(6));
        Path active = callFile(activeId, Duration.ofDays(30));
        Path notACall = Files.writeString(dir.resolve("notes.jsonl"), "keep");
        Files.setLastModifiedTime(notACall, FileTime.from(NOW.minus(Duration.ofDays(30))));
        Path target = callFile(UUID.randomUUID().toString(), Duration.ofDays(30));
        Path link = Files.createSymbolicLink(dir.resolve(UUID.randomUUID() + ".jsonl"), target.getFileName());

        RetentionSweeper sweeper = new RetentionSweeper(dir, 7, Clock.fixed(NOW, ZoneOffset.UTC), activeId::equals);
        assertEquals(2, sweeper.sweep()); // old, and the old regular file the symlink points at
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(target));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(active), "a call in progress keeps its file");
        assertTrue(Files.exists(notACall), "only <uuid>.jsonl files are managed");
        assertTrue(Files.isSymbolicLink(link), "symlinks are never deleted through");
    }

    @Test
    void missingDirectoryIsNotAnError() throws Exception {
        RetentionSweeper sweeper = new RetentionSweeper(dir.resolve("none"), 1, Clock.systemUTC(), id -> false);
        assertEquals(0, sweeper.sweep());
    }

    @Test
    void retentionBelowOneDayIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionSweeper(dir, 0, Clock.systemUTC(), id -> false));
    }
}
