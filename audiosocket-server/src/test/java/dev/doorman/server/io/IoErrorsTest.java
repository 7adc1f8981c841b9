package dev.doorman.server.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** NIO's messages are often just the path; the reason is what a person needs. */
class IoErrorsTest {
    @TempDir
    Path dir;

    @Test
    void namesTheReasonNotThePath() {
        // CI runs as root, so permissions cannot be made to fail: the exceptions are built as NIO throws them.
        assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/var/log/doorman")));
        assertEquals("no such file or directory", IoErrors.reason(new NoSuchFileException("/x")));
        assertEquals("No space left on device",
                IoErrors.reason(new FileSystemException("/x", null, "No space left on device")));
        assertEquals("FileSystemException", IoErrors.reason(new FileSystemException("/x")));
        assertEquals("disk on fire", IoErrors.reason(new IOException("disk on fire")));
        assertEquals("IOException", IoErrors.reason(new IOException()));
    }

    @Test
    void aRealFailureReadsAsItsReason() {
        IOException e = assertThrows(IOException.class, () -> Files.readAllBytes(dir));
        assertEquals("Is a directory", IoErrors.reason(e));
        IOException missing = assertThrows(IOException.class, () -> Files.readAllBytes(dir.resolve("none")));
        assertEquals("no such file or directory", IoErrors.reason(missing));
    }
}
