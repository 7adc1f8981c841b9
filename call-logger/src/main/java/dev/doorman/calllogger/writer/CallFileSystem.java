package dev.doorman.calllogger.writer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * How the writer reaches the file system: open a call file for appending, read a file's identity,
 * create the directory. {@link #DEFAULT} is the real one; tests wrap it to inject faults (a
 * read-only directory, a full disk) that file permissions cannot produce for root.
 */
public interface CallFileSystem {
    CallFileSystem DEFAULT = new NioCallFileSystem();

    /**
     * Opens {@code file} for appending, creating it {@code rw-------} if missing; never follows a
     * symlink at that path (the open fails instead).
     */
    FileChannel openForAppend(Path file) throws IOException;

    /** The file's attributes without following links: its {@code fileKey()} is its identity. */
    BasicFileAttributes attributes(Path file) throws IOException;

    /** Whether the last of the file's {@code size} bytes is a newline. */
    boolean endsWithNewline(Path file, long size) throws IOException;

    void createDirectories(Path dir) throws IOException;
}
