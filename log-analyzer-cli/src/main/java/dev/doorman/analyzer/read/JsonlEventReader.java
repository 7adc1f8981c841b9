package dev.doorman.analyzer.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.doorman.events.EventFields;
import dev.doorman.events.EventType;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads {@code <uuid>.jsonl} call files with Jackson's streaming parser, one parser per line and
 * no tree: the fields reports use are pulled out, the rest is skipped. Thread-safe (the factory
 * is shared; buffers are per call).
 */
public final class JsonlEventReader extends LineByLineReader {
    /** Known event names by their exact wire name: no upper-casing per line. */
    private static final Map<String, EventType> TYPES = new HashMap<>();
    /** A per-thread copy of the current line's {@code ts} characters, turned into a String only when a report needs it. */
    private static final ThreadLocal<char[]> TS = ThreadLocal.withInitial(() -> new char[64]);

    static {
        for (EventType type : EventType.values()) {
            TYPES.put(type.wireName(), type);
        }
    }

    private final JsonFactory factory;

    public JsonlEventReader(int maxLineBytes) {
        super(maxLineBytes);
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxLineBytes).build())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
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
        CallEvent event;
        boolean[] mismatch = new boolean[1];
        try {
            event = parse(buf, off, len, line, file.callId(), sink.needsStartTime(), mismatch);
        } catch (IOException | RuntimeException e) {
            event = null;
        }
        if (event == null) {
            quality.problem(terminated ? Problem.MALFORMED_LINE : Problem.TRUNCATED_LAST_LINE, file.where(line));
            return;
        }
        quality.eventRead();
        if (event.type() == null) {
            quality.unknownEventType(event.eventName(), file.where(line));
        }
        if (mismatch[0]) {
            quality.problem(Problem.CALL_ID_MISMATCH, file.where(line));
        }
        sink.accept(event);
    }

    /**
     * Returns null when the line is JSON but not an event (no {@code event} name). {@code ts} is
     * kept as a String only where a report reads it: until the call's start is known, and for
     * CALL_SETUP and ERROR events; {@code call_id} is compared in place with the file's id.
     */
    private CallEvent parse(byte[] buf, int off, int len, long line, String fileCallId, boolean wantStart,
                            boolean[] mismatch) throws IOException {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            char[] ts = TS.get();
            int tsLength = -1;
            long seq = CallEvent.NO_SEQ;
            double elapsed = Double.NaN;
            String name = null;
            EventData.Builder data = new EventData.Builder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case EventFields.TS -> {
                        if (value == JsonToken.VALUE_STRING) {
                            tsLength = p.getTextLength();
                            if (tsLength > ts.length) {
                                ts = new char[tsLength];
                                TS.set(ts);
                            }
                            System.arraycopy(p.getTextCharacters(), p.getTextOffset(), ts, 0, tsLength);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case EventFields.CALL_ID -> {
                        if (value == JsonToken.VALUE_STRING) {
                            mismatch[0] = !sameId(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), fileCallId);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case EventFields.SEQ -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : CallEvent.NO_SEQ;
                    case EventFields.ELAPSED_MS -> elapsed = EventDataParser.number(p, Double.NaN);
                    case EventFields.EVENT -> name = EventDataParser.text(p);
                    case EventFields.DATA -> {
                        if (value == JsonToken.START_OBJECT) {
                            EventDataParser.object(p, data);
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            // Anything after the object (or a missing close) makes the line malformed.
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            if (name == null || name.isEmpty()) {
                return null;
            }
            EventType type = TYPES.get(name);
            if (type == null) {
                type = EventType.fromWireName(name).orElse(null);
            }
            boolean keepTs = tsLength >= 0 && (wantStart || type == EventType.CALL_SETUP || type == EventType.ERROR);
            return new CallEvent(line, keepTs ? new String(ts, 0, tsLength) : null, null, seq, elapsed, name, type,
                    data.build());
        }
    }

    /** Case-insensitive comparison of a call id in the parser's buffer with the file's (no String made). */
    private static boolean sameId(char[] chars, int offset, int length, String id) {
        if (length != id.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = chars[offset + i];
            char d = id.charAt(i);
            if (c != d && Character.toLowerCase(c) != Character.toLowerCase(d)) {
                return false;
            }
        }
        return true;
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
