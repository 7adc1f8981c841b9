package dev.doorman.analyzer.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.doorman.events.EventFields;
import dev.doorman.events.EventType;
import java.io.IOException;

/**
 * Reads {@code <uuid>.jsonl} call files with Jackson's streaming parser, one parser per line and
 * no tree: the fields reports use are pulled out, the rest is skipped. Thread-safe (the factory
 * is shared; buffers are per call).
 */
public final class JsonlEventReader extends LineByLineReader {
    private final JsonFactory factory;

    public JsonlEventReader(int maxLineBytes) {
        super(maxLineBytes);
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxLineBytes).build())
                .build();
    }

    @Override
    protected void line(CallFile file, byte[] buf, int off, int len, long line, boolean terminated,
                        EventSink sink, DataQuality quality) {
        if (isBlank(buf, off, len)) {
            return;
        }
        quality.lineRead();
        if (!Utf8.isValid(buf, off, len)) {
            quality.problem(Problem.INVALID_UTF8, file.where(line));
            return;
        }
        CallEvent event;
        try {
            event = parse(buf, off, len, line);
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
        if (event.callId() != null && !event.callId().equalsIgnoreCase(file.callId())) {
            quality.problem(Problem.CALL_ID_MISMATCH, file.where(line));
        }
        sink.accept(event);
    }

    /** Returns null when the line is JSON but not an event (no {@code event} name). */
    private CallEvent parse(byte[] buf, int off, int len, long line) throws IOException {
        try (JsonParser p = factory.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String ts = null;
            String callId = null;
            long seq = CallEvent.NO_SEQ;
            double elapsed = Double.NaN;
            String name = null;
            EventData.Builder data = new EventData.Builder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case EventFields.TS -> ts = EventDataParser.text(p);
                    case EventFields.CALL_ID -> callId = EventDataParser.text(p);
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
            EventType type = EventType.fromWireName(name).orElse(null);
            return new CallEvent(line, ts, callId, seq, elapsed, name, type, data.build());
        }
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
