package dev.doorman.calllogger.writer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.doorman.calllogger.event.EventData;
import dev.doorman.events.EventFields;
import dev.doorman.calllogger.privacy.TextRedactor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one event as one JSON line (Jackson streaming, no object mapping) into a call's buffer.
 * Free text passes through the {@link TextRedactor}. A value that cannot be encoded never loses
 * the line: it is written again with {@code data.encoding_error}. Writer thread only.
 */
final class JsonLineEncoder {
    private static final int MAX_DEPTH = 16;

    private static final SerializedString TS = new SerializedString(EventFields.TS);
    private static final SerializedString CALL_ID = new SerializedString(EventFields.CALL_ID);
    private static final SerializedString SEQ = new SerializedString(EventFields.SEQ);
    private static final SerializedString ELAPSED_MS = new SerializedString(EventFields.ELAPSED_MS);
    private static final SerializedString EVENT = new SerializedString(EventFields.EVENT);
    private static final SerializedString DATA = new SerializedString(EventFields.DATA);
    private static final byte[] SEQ_PREFIX = (",\"" + EventFields.SEQ + "\":").getBytes(StandardCharsets.US_ASCII);
    /** Pre-encoded names: event types and data keys repeat endlessly, so encode each once. */
    private static final int MAX_CACHED_NAMES = 4096;

    private final JsonFactory factory = new JsonFactoryBuilder().rootValueSeparator((String) null)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();
    private final HashMap<String, SerializedString> names = new HashMap<>();
    private final char[] quotedTs = new char[29];
    private final TextRedactor redactor;
    private final Target target = new Target();
    private JsonGenerator generator;

    JsonLineEncoder(TextRedactor redactor) {
        this.redactor = redactor;
        this.generator = newGenerator();
    }

    /** Appends {@code {"ts":..,"call_id":..,"seq":..,"elapsed_ms":..,"event":..,"data":{..}}\n}. */
    void encode(ByteSink out, String ts, SerializedString callId, long seq, long elapsedMicros,
                String type, Map<String, ?> data) {
        int mark = out.size();
        target.sink = out;
        try {
            writeLine(ts, callId, seq, elapsedMicros, type, data);
        } catch (IOException | RuntimeException e) {
            // e.g. a map mutated by its caller while we read it: keep the event, say what went wrong.
            out.truncate(mark);
            generator = newGenerator();
            try {
                writeLine(ts, callId, seq, elapsedMicros, type,
                        Map.of("encoding_error", String.valueOf(e)));
            } catch (IOException second) {
                out.truncate(mark);
                generator = newGenerator();
                throw new UncheckedIOException(second);
            }
        } finally {
            target.sink = null;
        }
    }

    private void writeLine(String ts, SerializedString callId, long seq, long elapsedMicros, String type,
                           Map<String, ?> data) throws IOException {
        JsonGenerator g = generator;
        g.writeStartObject();
        g.writeFieldName(TS);
        // The timestamp is ASCII digits and punctuation: no escaping needed.
        quotedTs[0] = '"';
        ts.getChars(0, 27, quotedTs, 1);
        quotedTs[28] = '"';
        g.writeRawValue(quotedTs, 0, 29);
        g.writeFieldName(CALL_ID);
        g.writeString(callId);
        g.writeFieldName(SEQ);
        g.writeNumber(seq);
        g.writeFieldName(ELAPSED_MS);
        g.writeNumber(millis(elapsedMicros));
        g.writeFieldName(EVENT);
        g.writeString(name(type));
        g.writeFieldName(DATA);
        writeMap(g, data, 0);
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private void writeMap(JsonGenerator g, Map<?, ?> map, int depth) throws IOException {
        g.writeStartObject();
        if (map instanceof EventData) {
            EventData fields = (EventData) map; // the typed methods' maps: walk the array, no entries
            for (int i = 0, n = fields.size(); i < n; i++) {
                writeField(g, fields.keyAt(i), fields.valueAt(i), depth);
            }
        } else if (map != null) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                writeField(g, String.valueOf(entry.getKey()), entry.getValue(), depth);
            }
        }
        g.writeEndObject();
    }

    private void writeField(JsonGenerator g, String key, Object value, int depth) throws IOException {
        if (redactor.isFreeText(key) && value != null) {
            value = redactValue(value);
            if (value == null) {
                return; // OMIT: the field is left out
            }
        }
        g.writeFieldName(name(key));
        writeValue(g, value, depth + 1);
    }

    private Object redactValue(Object value) {
        if (value instanceof CharSequence) {
            return redactor.apply(value.toString());
        }
        if (value instanceof Collection) {
            Collection<?> items = (Collection<?>) value;
            java.util.List<Object> out = new java.util.ArrayList<>(items.size());
            for (Object item : items) {
                Object redacted = item instanceof CharSequence ? redactor.apply(item.toString()) : item;
                if (redacted != null) {
                    out.add(redacted);
                }
            }
            return out.isEmpty() && !items.isEmpty() ? null : out;
        }
        return value;
    }

    private void writeValue(JsonGenerator g, Object value, int depth) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String) {
            g.writeString((String) value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull(); // JSON has no NaN/Infinity
            }
        } else if (value instanceof Boolean) {
            g.writeBoolean((Boolean) value);
        } else if (depth > MAX_DEPTH) {
            g.writeString("(nested too deep)");
        } else if (value instanceof Map) {
            writeMap(g, (Map<?, ?>) value, depth);
        } else if (value instanceof Collection) {
            g.writeStartArray();
            for (Object item : (Collection<?>) value) {
                writeValue(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (value instanceof Object[]) {
            g.writeStartArray();
            for (Object item : (Object[]) value) {
                writeValue(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (value instanceof BigDecimal) {
            g.writeNumber((BigDecimal) value);
        } else if (value instanceof BigInteger) {
            g.writeNumber((BigInteger) value);
        } else if (value instanceof Number) {
            g.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof Optional) {
            writeValue(g, ((Optional<?>) value).orElse(null), depth);
        } else {
            g.writeString(String.valueOf(value));
        }
    }

    private SerializedString name(String text) {
        SerializedString encoded = names.get(text);
        if (encoded == null) {
            encoded = new SerializedString(text);
            if (names.size() < MAX_CACHED_NAMES) {
                names.put(text, encoded);
            }
        }
        return encoded;
    }

    /**
     * Appends the lines of {@code lines} to {@code out} with each line's {@code seq} raised by
     * {@code delta}: makes room for lines that must go ahead of lines already encoded.
     */
    static void appendShifted(ByteSink lines, ByteSink out, long delta) {
        int start = 0;
        int size = lines.size();
        while (start < size) {
            int end = start;
            while (end < size && lines.byteAt(end) != '\n') {
                end++;
            }
            int seqAt = indexOf(lines, SEQ_PREFIX, start, end);
            if (seqAt < 0) {
                out.write(lines, start, Math.min(end + 1, size)); // not ours: keep it as it is
            } else {
                int digits = seqAt + SEQ_PREFIX.length;
                int digitsEnd = digits;
                long seq = 0;
                while (digitsEnd < end && Character.isDigit(lines.byteAt(digitsEnd))) {
                    seq = seq * 10 + (lines.byteAt(digitsEnd) - '0');
                    digitsEnd++;
                }
                out.write(lines, start, digits);
                byte[] shifted = Long.toString(seq + delta).getBytes(StandardCharsets.US_ASCII);
                out.write(shifted, 0, shifted.length);
                out.write(lines, digitsEnd, Math.min(end + 1, size));
            }
            start = end + 1;
        }
    }

    // The first ,"seq": of a line is ours: ts and call_id come before it and cannot contain it.
    private static int indexOf(ByteSink lines, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (lines.byteAt(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Microseconds as milliseconds with three decimals, without floating-point noise. */
    static String millis(long micros) {
        if (micros < 0) {
            micros = 0;
        }
        long whole = micros / 1000;
        int fraction = (int) (micros % 1000);
        char[] frac = {'.', (char) ('0' + fraction / 100), (char) ('0' + fraction / 10 % 10),
                (char) ('0' + fraction % 10)};
        return whole + new String(frac);
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator g = factory.createGenerator(target, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets one generator write into whichever call's buffer is being filled. */
    private static final class Target extends OutputStream {
        ByteSink sink;

        @Override
        public void write(int b) {
            sink.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sink.write(b, off, len);
        }
    }
}
