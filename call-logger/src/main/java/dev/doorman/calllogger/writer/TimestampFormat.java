package dev.doorman.calllogger.writer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns an event's monotonic nanoTime into an RFC 3339 UTC wall-clock time with microseconds
 * ({@code 2026-11-20T14:03:07.123456Z}). Calling threads only read {@code System.nanoTime()}; the
 * writer re-anchors nanoTime to the wall clock every batch, so clock steps are followed. Writer
 * thread only: it caches the formatted second.
 */
final class TimestampFormat {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private long wallMicrosAtAnchor;
    private long nanosAtAnchor;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;
    private final char[] chars = new char[27];

    TimestampFormat() {
        anchor();
    }

    /** Re-reads the wall clock; called once per batch. */
    void anchor() {
        Instant now = Instant.now();
        nanosAtAnchor = System.nanoTime();
        wallMicrosAtAnchor = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    long epochMicros(long nanos) {
        return wallMicrosAtAnchor + Math.floorDiv(nanos - nanosAtAnchor, 1000L);
    }

    String format(long nanos) {
        long micros = epochMicros(nanos);
        long second = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedPrefix = SECONDS.format(Instant.ofEpochSecond(second));
            cachedPrefix.getChars(0, 19, chars, 0);
            chars[19] = '.';
            chars[26] = 'Z';
        }
        for (int i = 25; i >= 20; i--) {
            chars[i] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        return new String(chars);
    }
}
