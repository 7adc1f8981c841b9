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

    protected LineByLineReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public final void read(CallFile file, EventSink sink, DataQuality quality) {
        quality.fileRead();
        try (InputStream in = Files.newInputStream(file.path())) {
            long bytes = new LineReader(maxLineBytes).read(in,
                    (buf, off, len, line, terminated) -> line(file, buf, off, len, line, terminated, sink, quality),
                    line -> quality.problem(Problem.HUGE_LINE, file.where(line)));
            if (bytes == 0) {
                quality.problem(Problem.EMPTY_FILE, file.where(0));
            }
        } catch (IOException e) {
            quality.problem(Problem.UNREADABLE_FILE, file.path().getFileName() + ": " + IoErrors.describe(e));
        }
    }

    /** Parses one line (without its terminator); {@code terminated} is false for a cut last line. */
    protected abstract void line(CallFile file, byte[] buf, int off, int len, long line, boolean terminated,
                                 EventSink sink, DataQuality quality);
}
