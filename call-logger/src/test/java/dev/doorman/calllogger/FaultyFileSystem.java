package dev.doorman.calllogger;

import dev.doorman.calllogger.writer.CallFileSystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real file system, except that opening a call file fails while {@link #denyOpens} is set,
 * as on a read-only directory (which root, and so CI, cannot get from permissions).
 */
final class FaultyFileSystem implements CallFileSystem {
    volatile boolean denyOpens;
    final AtomicInteger deniedOpens = new AtomicInteger();

    @Override
    public FileChannel openForAppend(Path file) throws IOException {
        if (denyOpens) {
            deniedOpens.incrementAndGet();
            throw new AccessDeniedException(file.toString(), null, "read-only file system (injected)");
        }
        return DEFAULT.openForAppend(file);
    }

    @Override
    public BasicFileAttributes attributes(Path file) throws IOException {
        return DEFAULT.attributes(file);
    }

    @Override
    public boolean endsWithNewline(Path file, long size) throws IOException {
        return DEFAULT.endsWithNewline(file, size);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        DEFAULT.createDirectories(dir);
    }
}
