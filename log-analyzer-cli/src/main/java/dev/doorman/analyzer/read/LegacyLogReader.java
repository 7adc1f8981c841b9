package dev.doorman.analyzer.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.doorman.events.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Python system's {@code <call_id>.log} files so their history stays analyzable:
 * {@code YYYY-MM-DD HH:MM:SS.mmm | LEVEL | EVENT | {json}}, with {@code elapsed_seconds} inside the
 * JSON and {@code CALL_STARTED} where we write {@code CALL_SETUP}. The JSON's other fields are the
 * event's data. The timestamp has no zone; it is read as UTC. Lines carry no {@code seq}.
 */
public final class LegacyLogReader extends LineByLineReader {
    private static final Pattern LINE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?)\\s*\\|\\s*([A-Z]+)\\s*\\|\\s*([A-Za-z0-9_]+)\\s*\\|\\s*(\\{.*})\\s*");
    private static final String LEGACY_START = "CALL_STARTED";

    private final JsonFactory factory = new JsonFactory();

    public LegacyLogReader(int maxLineBytes) {
        super(maxLineBytes);
    }

    @Override
    protected void line(CallFile file, byte[] buf, int off, int len, long line, boolean terminated, boolean ascii,
                        EventSink sink, DataQuality quality) {
        String text = new String(buf, off, len, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return;
        }
        quality.lineRead();
        if (!ascii && !Utf8.isValid(buf, off, len)) {
            quality.problem(Problem.INVALID_UTF8, file.where(line));
            return;
        }
        Matcher m = LINE.matcher(text);
        CallEvent event = null;
        if (m.matches()) {
            try {
                event = event(m, line, file.callId());
            } catch (IOException | RuntimeException e) {
                event = null;
            }
        }
        if (event == null) {
            quality.problem(terminated ? Problem.MALFORMED_LINE : Problem.TRUNCATED_LAST_LINE, file.where(line));
            return;
        }
        quality.eventRead();
        if (event.type() == null) {
            quality.unknownEventType(event.eventName(), file.where(line));
        }
        sink.accept(event);
    }

    private CallEvent event(Matcher m, long line, String callId) throws IOException {
        String ts = m.group(1) + "T" + m.group(2).replace(',', '.') + "Z";
        String name = m.group(4);
        if (LEGACY_START.equals(name)) {
            name = EventType.CALL_SETUP.wireName();
        }
        double elapsedMs = Double.NaN;
        EventData.Builder data = new EventData.Builder();
        try (JsonParser p = factory.createParser(m.group(5))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("elapsed_seconds".equals(field)) {
                    elapsedMs = EventDataParser.number(p, Double.NaN) * 1000.0;
                } else if ("elapsed_ms".equals(field)) {
                    elapsedMs = EventDataParser.number(p, Double.NaN);
                } else if ("data".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
                    EventDataParser.object(p, data);
                } else if (!EventDataParser.field(field, p, data)) {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return null;
            }
        }
        EventType type = EventType.fromWireName(name).orElse(null);
        return new CallEvent(line, ts, callId, CallEvent.NO_SEQ, elapsedMs, name, type, data.build());
    }
}
