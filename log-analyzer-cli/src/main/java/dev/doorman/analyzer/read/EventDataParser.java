package dev.doorman.analyzer.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Streams the fields of an event's data object into an {@link EventData.Builder}: the fields the
 * analyzer reads are kept, everything else (texts, entities, details) is skipped unparsed.
 * Shared by the JSONL and the legacy reader (the legacy JSON holds the data fields at top level).
 */
final class EventDataParser {
    private EventDataParser() {
    }

    /** Handles one field whose name was just read; returns false when the name is not a data field. */
    static boolean field(String name, JsonParser p, EventData.Builder data) throws IOException {
        switch (name) {
            case "source" -> data.source = text(p);
            case "target" -> data.target = text(p);
            case "turn" -> data.turn = (int) number(p, -1);
            case "duration_ms" -> data.durationMs = number(p, Double.NaN);
            case "hangover_ms" -> data.hangoverMs = number(p, Double.NaN);
            case "cached" -> {
                data.cached = p.currentToken() == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : p.currentToken() == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                p.skipChildren();
            }
            case "count" -> data.count = (long) number(p, -1);
            case "reason" -> data.reason = text(p);
            case "total_duration_ms" -> data.totalDurationMs = number(p, Double.NaN);
            case "ring_ms" -> data.ringMs = number(p, Double.NaN);
            case "error_type" -> data.errorType = text(p);
            case "message" -> data.message = text(p);
            case "stage" -> data.stage = text(p);
            case "digit" -> data.digit = text(p);
            case "from" -> data.from = text(p);
            case "to" -> data.to = text(p);
            case "building" -> data.building = text(p);
            case "attempt" -> data.attempt = (int) number(p, -1);
            case "decision" -> data.decision = text(p);
            case "by" -> data.by = text(p);
            case "status" -> data.status = text(p);
            case "first_audio_ms" -> data.firstAudioMs = number(p, Double.NaN);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Reads an object whose START_OBJECT is the current token. */
    static void object(JsonParser p, EventData.Builder data) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!field(name, p, data)) {
                p.skipChildren();
            }
        }
    }

    static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t != null && t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    static double number(JsonParser p, double missing) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Double.parseDouble(p.getText());
            } catch (NumberFormatException notNumber) {
                return missing;
            }
        }
        p.skipChildren();
        return missing;
    }
}
