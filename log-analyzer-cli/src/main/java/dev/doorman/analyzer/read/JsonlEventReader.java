package dev.doorman.analyzer.read;

import dev.doorman.events.EventType;

/**
 * Reads {@code <uuid>.jsonl} call files line by line with {@link EventLineParser}: the fields
 * reports use are pulled out, the rest is validated and skipped. Thread-safe (a parser per thread).
 */
public final class JsonlEventReader extends LineByLineReader {
    /** One parser per worker thread: it keeps its buffers from line to line. */
    private static final ThreadLocal<EventLineParser> PARSERS = ThreadLocal.withInitial(EventLineParser::new);

    public JsonlEventReader(int maxLineBytes) {
        super(maxLineBytes);
    }

    @Override
    protected void line(CallFile file, byte[] buf, int off, int len, long line, boolean terminated, boolean ascii,
                        EventSink sink, DataQuality quality) {
        if (isBlank(buf, off, len)) {
            return;
        }
        quality.lineRead();
        if (!ascii && !Utf8.isValid(buf, off, len)) {
            quality.problem(Problem.INVALID_UTF8, file.where(line));
            return;
        }
        EventLineParser p = PARSERS.get();
        if (!p.parse(buf, off, len, file.callId()) || p.eventName == null || p.eventName.isEmpty()) {
            // not JSON, or JSON but not an event (no event name)
            quality.problem(terminated ? Problem.MALFORMED_LINE : Problem.TRUNCATED_LAST_LINE, file.where(line));
            return;
        }
        EventType type = p.type != null ? p.type : EventType.fromWireName(p.eventName).orElse(null);
        // ts is kept as a String only where a report reads it: until the call's start is known, CALL_SETUP, ERROR.
        boolean keepTs = p.tsLength >= 0 && (sink.needsStartTime() || type == EventType.CALL_SETUP || type == EventType.ERROR);
        CallEvent event = new CallEvent(line, keepTs ? new String(p.ts, 0, p.tsLength) : null, null, p.seq, p.elapsedMs,
                p.eventName, type, p.data.build());
        quality.eventRead();
        if (type == null) {
            quality.unknownEventType(event.eventName(), file.where(line));
        }
        if (p.callIdMismatch) {
            quality.problem(Problem.CALL_ID_MISMATCH, file.where(line));
        }
        sink.accept(event);
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
