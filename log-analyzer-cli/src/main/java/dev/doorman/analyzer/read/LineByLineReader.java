package dev.doorman.analyzer.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * A call-file reader that walks a file line by line with a bounded line length; subclasses parse
 * one line. Empty, huge and unreadable input is counted here once for every format.
 */
abstract class LineByLineReader implements CallFileReader {
    protected final int maxLineBytes;
    /** One line buffer per worker thread, reused from file to file (not 64 KiB of garbage per call). */
    private final ThreadLocal<LineReader> lineReaders;

    protected LineByLineReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.lineReaders = ThreadLocal.withInitial(() -> new LineReader(maxLineBytes));
    }

    @Override
    public final void read(CallFile file, EventSink sink, DataQuality quality) {
        quality.fileRead();
        try (InputStream in = Files.newInputStream(file.path())) {
            long bytes = lineReaders.get().read(in,
                    (buf, off, len, line, terminated, ascii) -> line(file, buf, off, len, line, terminated, ascii, sink,
                            quality),
                    line -> quality.problem(Problem.HUGE_LINE, file.where(line)));
            if (bytes == 0) {
                quality.problem(Problem.EMPTY_FILE, file.where(0));
            }
        } catch (IOException e) {
            quality.problem(Problem.UNREADABLE_FILE, file.path().getFileName() + ": " + IoErrors.describe(e));
        }
    }

    /**
     * Parses one line (without its terminator); {@code terminated} is false for a cut last line,
     * {@code ascii} true when no byte needs a UTF-8 check.
     */
    protected abstract void line(CallFile file, byte[] buf, int off, int len, long line, boolean terminated,
                                 boolean ascii, EventSink sink, DataQuality quality);
}
