package dev.doorman.analyzer.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines without decoding it: bytes go straight to the JSON parser. A line
 * longer than {@code maxLineBytes} is skipped up to its newline and reported once, so one huge
 * line can neither exhaust memory nor hide the lines after it. A last line without a newline is
 * passed with {@code terminated = false} (a writer that crashed mid-line leaves one).
 */
public final class LineReader {
    private final int maxLineBytes;
    private byte[] buffer;

    public LineReader(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[Math.min(64 * 1024, maxLineBytes + 1)];
    }

    /** Calls {@code sink} per line and {@code onHugeLine} per skipped line; returns bytes read. */
    public long read(InputStream in, LineSink sink, HugeLineListener onHugeLine) throws IOException {
        int start = 0;
        int end = 0;
        long lineNumber = 1;
        long total = 0;
        boolean skipping = false;
        while (true) {
            if (end == buffer.length) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                } else if (buffer.length < maxLineBytes + 1) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + 1));
                } else {
                    // The line does not fit: drop what we have and skip to its end.
                    if (!skipping) {
                        onHugeLine.hugeLine(lineNumber);
                        skipping = true;
                    }
                    start = 0;
                    end = 0;
                }
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                break;
            }
            total += n;
            int scanFrom = end;
            end += n;
            for (int i = scanFrom; i < end; i++) {
                if (buffer[i] == '\n') {
                    if (!skipping) {
                        int len = i - start;
                        if (len > 0 && buffer[i - 1] == '\r') {
                            len--;
                        }
                        sink.line(buffer, start, len, lineNumber, true);
                    }
                    skipping = false;
                    lineNumber++;
                    start = i + 1;
                }
            }
        }
        if (!skipping && end > start) {
            sink.line(buffer, start, end - start, lineNumber, false);
        }
        return total;
    }

    /** Told the number of each line that exceeded the limit. */
    @FunctionalInterface
    public interface HugeLineListener {
        void hugeLine(long lineNumber);
    }
}
