package dev.doorman.analyzer.read;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines without decoding it: bytes go straight to the JSON parser. A line
 * longer than {@code maxLineBytes} is skipped up to its newline and reported once, so one huge
 * line can neither exhaust memory nor hide the lines after it. A last line without a newline is
 * passed with {@code terminated = false} (a writer that crashed mid-line leaves one).
 */
public final class LineReader {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

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
        long high = 0; // OR of the current line's bytes: any high bit set means the line is not all ASCII
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
            byte[] b = buffer;
            int i = scanFrom;
            while (i < end) {
                // Eight bytes at a time while they hold no newline (most of a line): far fewer
                // iterations than a byte loop, which matters under the C1-only JIT of the launcher.
                if (i + 8 <= end) {
                    long word = (long) LONGS.get(b, i);
                    long x = word ^ NEWLINES;
                    if (((x - ONES) & ~x & HIGH_BITS) == 0) {
                        high |= word;
                        i += 8;
                        continue;
                    }
                }
                byte c = b[i];
                high |= c;
                if (c == '\n') {
                    if (!skipping) {
                        int len = i - start;
                        if (len > 0 && b[i - 1] == '\r') {
                            len--;
                        }
                        sink.line(b, start, len, lineNumber, true, (high & HIGH_BITS) == 0);
                    }
                    skipping = false;
                    lineNumber++;
                    start = i + 1;
                    high = 0;
                }
                i++;
            }
        }
        if (!skipping && end > start) {
            sink.line(buffer, start, end - start, lineNumber, false, (high & HIGH_BITS) == 0);
        }
        return total;
    }

    /** Told the number of each line that exceeded the limit. */
    @FunctionalInterface
    public interface HugeLineListener {
        void hugeLine(long lineNumber);
    }
}
