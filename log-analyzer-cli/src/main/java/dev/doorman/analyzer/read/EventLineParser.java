package dev.doorman.analyzer.read;

import dev.doorman.events.EventType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict JSON parser for one call-file line, made for the event's shape: it reads the fields a
 * report uses straight from the bytes and skips the rest, validating it all the same (strings,
 * escapes, numbers, literals, nesting), so a line is malformed exactly when it is not one JSON
 * object. Field names are matched as bytes, {@code ts} is only copied, {@code call_id} compared
 * in place: no String is made for what a report never reads. It replaces a general parser per
 * line, whose set-up cost dominated; {@code EventLineParserTest} checks it against Jackson.
 *
 * <p>The line must already be valid UTF-8 (the reader checks that first). Not thread-safe: one
 * per worker thread.
 */
final class EventLineParser {
    private static final int MAX_DEPTH = 500;
    private static final int TOP_LEVEL = 0;
    private static final int DATA_OBJECT = 1;
    private static final int SKIPPED = 2;
    private static final double[] POW10 = new double[23];
    private static final byte[][] TOP = names("ts", "call_id", "seq", "elapsed_ms", "event", "data");
    private static final byte[][] DATA = names("source", "target", "turn", "duration_ms", "hangover_ms", "cached",
            "count", "reason", "total_duration_ms", "ring_ms", "error_type", "message", "stage", "digit", "from", "to",
            "building", "attempt", "decision", "by", "status", "first_audio_ms");
    private static final EventType[] TYPES = EventType.values();
    private static final byte[][] TYPE_NAMES = new byte[TYPES.length][];
    private static final String VISITOR = "visitor";
    private static final String RESIDENT = "resident";

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
        for (int i = 0; i < TYPES.length; i++) {
            TYPE_NAMES[i] = TYPES[i].wireName().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Thrown (without a stack trace) when the line is not valid JSON. */
    static final class Malformed extends Exception {
        private static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super(null, null, false, false);
        }
    }

    private byte[] b;
    private int pos;
    private int end;
    private char[] chars = new char[256];
    private int charCount;
    private int depth;

    // What the last line held.
    char[] ts = new char[64];
    int tsLength;
    boolean callIdMismatch;
    long seq;
    double elapsedMs;
    String eventName;
    EventType type;
    EventData.Builder data;

    /** Parses a line; false when it is not one JSON object. */
    boolean parse(byte[] buf, int off, int len, String fileCallId) {
        b = buf;
        pos = off;
        end = off + len;
        depth = 0;
        tsLength = -1;
        callIdMismatch = false;
        seq = CallEvent.NO_SEQ;
        elapsedMs = Double.NaN;
        eventName = null;
        type = null;
        data = new EventData.Builder();
        try {
            skipWs();
            if (peek() != '{') {
                throw Malformed.INSTANCE;
            }
            object(TOP_LEVEL, fileCallId);
            skipWs();
            return pos == end;
        } catch (Malformed e) {
            return false;
        }
    }

    private void topField(int key, String fileCallId) throws Malformed {
        switch (key) {
            case 0 -> { // ts
                if (peek() == '"') {
                    string();
                    if (ts.length < charCount) {
                        ts = new char[charCount];
                    }
                    System.arraycopy(chars, 0, ts, 0, charCount);
                    tsLength = charCount;
                } else {
                    skipValue();
                }
            }
            case 1 -> { // call_id
                if (peek() == '"') {
                    string();
                    callIdMismatch = !sameId(fileCallId);
                } else {
                    skipValue();
                }
            }
            case 2 -> { // seq: an integer, else "no seq"
                int c = peek();
                if (c == '-' || (c >= '0' && c <= '9')) {
                    int start = pos;
                    boolean integer = number();
                    seq = integer ? longValue(start, pos) : CallEvent.NO_SEQ;
                } else {
                    skipValue();
                }
            }
            case 3 -> elapsedMs = numberField(Double.NaN);
            case 4 -> eventName = eventName();
            case 5 -> {
                if (peek() == '{') {
                    object(DATA_OBJECT, null);
                } else {
                    skipValue();
                }
            }
            default -> skipValue();
        }
    }

    /**
     * Reads an object (cursor on its brace): each member's value goes to the top-level fields, the
     * data fields, or is skipped, by {@code kind}. One loop for all three keeps the grammar in one place.
     */
    private void object(int kind, String fileCallId) throws Malformed {
        pos++;
        enter();
        skipWs();
        if (peek() == '}') {
            pos++;
            depth--;
            return;
        }
        while (true) {
            int key = key(kind == TOP_LEVEL ? TOP : kind == DATA_OBJECT ? DATA : null);
            skipWs();
            expect(':');
            skipWs();
            switch (kind) {
                case TOP_LEVEL -> topField(key, fileCallId);
                case DATA_OBJECT -> dataField(key);
                default -> skipValue();
            }
            skipWs();
            int c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw Malformed.INSTANCE;
            }
            skipWs();
        }
        depth--;
    }

    private void dataField(int key) throws Malformed {
        EventData.Builder d = data;
        switch (key) {
            case 0 -> d.source = text();
            case 1 -> d.target = text();
            case 2 -> d.turn = (int) numberField(-1);
            case 3 -> d.durationMs = numberField(Double.NaN);
            case 4 -> d.hangoverMs = numberField(Double.NaN);
            case 5 -> d.cached = bool();
            case 6 -> d.count = (long) numberField(-1);
            case 7 -> d.reason = text();
            case 8 -> d.totalDurationMs = numberField(Double.NaN);
            case 9 -> d.ringMs = numberField(Double.NaN);
            case 10 -> d.errorType = text();
            case 11 -> d.message = text();
            case 12 -> d.stage = text();
            case 13 -> d.digit = text();
            case 14 -> d.from = text();
            case 15 -> d.to = text();
            case 16 -> d.building = text();
            case 17 -> d.attempt = (int) numberField(-1);
            case 18 -> d.decision = text();
            case 19 -> d.by = text();
            case 20 -> d.status = text();
            case 21 -> d.firstAudioMs = numberField(Double.NaN);
            default -> skipValue();
        }
    }

    // ---- values as the analyzer reads them (the same rules as EventDataParser) ----

    /** A string's text; another scalar's literal text; null for null, objects and arrays. */
    private String text() throws Malformed {
        int c = peek();
        if (c == '"') {
            string();
            return party(chars, charCount);
        }
        if (c == '{' || c == '[') {
            skipValue();
            return null;
        }
        if (c == 'n') {
            literal("null");
            return null;
        }
        int start = pos;
        skipValue();
        return new String(b, start, pos - start, StandardCharsets.US_ASCII);
    }

    /** A number, or a string holding one; {@code missing} for anything else. */
    private double numberField(double missing) throws Malformed {
        int c = peek();
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = pos;
            boolean integer = number();
            return integer && pos - start <= 18 ? longValue(start, pos) : doubleValue(start, pos);
        }
        if (c == '"') {
            string();
            try {
                return Double.parseDouble(new String(chars, 0, charCount));
            } catch (NumberFormatException notANumber) {
                return missing;
            }
        }
        skipValue();
        return missing;
    }

    private Boolean bool() throws Malformed {
        int c = peek();
        if (c == 't') {
            literal("true");
            return Boolean.TRUE;
        }
        if (c == 'f') {
            literal("false");
            return Boolean.FALSE;
        }
        skipValue();
        return null;
    }

    private String eventName() throws Malformed {
        type = null; // a repeated "event" field: the last one counts
        if (peek() != '"') {
            return text();
        }
        int start = pos + 1;
        string();
        int rawLength = pos - 1 - start;
        if (rawLength == charCount) { // no escapes: the bytes are the name
            for (int i = 0; i < TYPE_NAMES.length; i++) {
                byte[] name = TYPE_NAMES[i];
                if (name.length == rawLength && Arrays.equals(b, start, start + rawLength, name, 0, name.length)) {
                    type = TYPES[i];
                    return TYPES[i].wireName();
                }
            }
        }
        return new String(chars, 0, charCount);
    }

    private boolean sameId(String id) {
        if (charCount != id.length()) {
            return false;
        }
        for (int i = 0; i < charCount; i++) {
            char c = chars[i];
            char d = id.charAt(i);
            if (c != d && Character.toLowerCase(c) != Character.toLowerCase(d)) {
                return false;
            }
        }
        return true;
    }

    private static String party(char[] chars, int n) {
        if (n == 7 && chars[0] == 'v' && new String(chars, 0, n).equals(VISITOR)) {
            return VISITOR;
        }
        if (n == 8 && chars[0] == 'r' && new String(chars, 0, n).equals(RESIDENT)) {
            return RESIDENT;
        }
        return new String(chars, 0, n);
    }

    // ---- the grammar ----

    /** A field name, as the index of a known name (none when {@code known} is null) or -1; the cursor ends after it. */
    private int key(byte[][] known) throws Malformed {
        if (peek() != '"') {
            throw Malformed.INSTANCE;
        }
        int start = pos + 1;
        string();
        if (known == null) {
            return -1;
        }
        int rawLength = pos - 1 - start;
        if (rawLength == charCount) {
            for (int i = 0; i < known.length; i++) {
                byte[] name = known[i];
                if (name.length == rawLength && Arrays.equals(b, start, start + rawLength, name, 0, name.length)) {
                    return i;
                }
            }
            return -1;
        }
        String decoded = new String(chars, 0, charCount); // a name written with escapes
        for (int i = 0; i < known.length; i++) {
            if (decoded.equals(new String(known[i], StandardCharsets.US_ASCII))) {
                return i;
            }
        }
        return -1;
    }

    /** Reads a string (cursor on its opening quote) into {@code chars}, validating escapes and control characters. */
    private void string() throws Malformed {
        pos++;
        int n = 0;
        char[] out = chars;
        while (true) {
            if (pos >= end) {
                throw Malformed.INSTANCE;
            }
            int c = b[pos++] & 0xff;
            if (c == '"') {
                break;
            }
            if (n + 2 > out.length) {
                out = chars = Arrays.copyOf(out, out.length * 2);
            }
            if (c == '\\') {
                if (pos >= end) {
                    throw Malformed.INSTANCE;
                }
                int e = b[pos++];
                switch (e) {
                    case '"', '\\', '/' -> out[n++] = (char) e;
                    case 'b' -> out[n++] = '\b';
                    case 'f' -> out[n++] = '\f';
                    case 'n' -> out[n++] = '\n';
                    case 'r' -> out[n++] = '\r';
                    case 't' -> out[n++] = '\t';
                    case 'u' -> {
                        if (pos + 4 > end) {
                            throw Malformed.INSTANCE;
                        }
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int h = Character.digit(b[pos++], 16);
                            if (h < 0) {
                                throw Malformed.INSTANCE;
                            }
                            v = (v << 4) | h;
                        }
                        out[n++] = (char) v;
                    }
                    default -> throw Malformed.INSTANCE;
                }
            } else if (c < 0x20) {
                throw Malformed.INSTANCE;
            } else if (c < 0x80) {
                out[n++] = (char) c;
            } else {
                // valid UTF-8 (checked before parsing): decode the sequence
                int cp;
                if (c < 0xe0) {
                    cp = ((c & 0x1f) << 6) | (b[pos++] & 0x3f);
                } else if (c < 0xf0) {
                    cp = ((c & 0x0f) << 12) | ((b[pos++] & 0x3f) << 6) | (b[pos++] & 0x3f);
                } else {
                    cp = ((c & 0x07) << 18) | ((b[pos++] & 0x3f) << 12) | ((b[pos++] & 0x3f) << 6) | (b[pos++] & 0x3f);
                }
                if (cp >= 0x10000) {
                    out[n++] = Character.highSurrogate(cp);
                    out[n++] = Character.lowSurrogate(cp);
                } else {
                    out[n++] = (char) cp;
                }
            }
        }
        charCount = n;
    }

    /** Validates a number at the cursor; true when it is an integer (no fraction, no exponent). */
    private boolean number() throws Malformed {
        if (peek() == '-') {
            pos++;
        }
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
        } else {
            throw Malformed.INSTANCE;
        }
        boolean integer = true;
        if (pos < end && b[pos] == '.') {
            integer = false;
            pos++;
            digits();
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            digits();
        }
        return integer;
    }

    private void digits() throws Malformed {
        int start = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        if (pos == start) {
            throw Malformed.INSTANCE;
        }
    }

    /** An integer literal's value; out of the range of a long, the line is malformed (as with Jackson). */
    private long longValue(int start, int stop) throws Malformed {
        boolean negative = b[start] == '-';
        int i = negative ? start + 1 : start;
        if (stop - i > 18) {
            try {
                return Long.parseLong(new String(b, start, stop - start, StandardCharsets.US_ASCII));
            } catch (NumberFormatException tooLarge) {
                throw Malformed.INSTANCE;
            }
        }
        long v = 0;
        for (; i < stop; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return negative ? -v : v;
    }

    /**
     * A decimal literal's value. Up to 15 significant digits and a power of ten up to 22 it is one
     * exact integer divided or multiplied by an exact power of ten: a single, correctly rounded
     * operation (the classic fast path); anything else goes to Double.parseDouble.
     */
    private double doubleValue(int start, int stop) {
        boolean negative = b[start] == '-';
        int i = negative ? start + 1 : start;
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean fraction = false;
        for (; i < stop; i++) {
            int c = b[i];
            if (c == '.') {
                fraction = true;
                continue;
            }
            if (c == 'e' || c == 'E') {
                break;
            }
            if (digits > 0 || c != '0') {
                digits++;
            }
            mantissa = mantissa * 10 + (c - '0');
            if (fraction) {
                scale--;
            }
        }
        if (i < stop || digits > 15 || -scale >= POW10.length) {
            return Double.parseDouble(new String(b, start, stop - start, StandardCharsets.US_ASCII));
        }
        double v = scale == 0 ? mantissa : mantissa / POW10[-scale];
        return negative ? -v : v;
    }

    private void literal(String word) throws Malformed {
        int n = word.length();
        if (pos + n > end) {
            throw Malformed.INSTANCE;
        }
        for (int k = 0; k < n; k++) {
            if (b[pos + k] != word.charAt(k)) {
                throw Malformed.INSTANCE;
            }
        }
        pos += n;
    }

    /** Skips any value, validating it. */
    private void skipValue() throws Malformed {
        int c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> object(SKIPPED, null);
            case '[' -> {
                pos++;
                enter();
                skipWs();
                if (peek() == ']') {
                    pos++;
                } else {
                    while (true) {
                        skipValue();
                        skipWs();
                        int d = next();
                        if (d == ']') {
                            break;
                        }
                        if (d != ',') {
                            throw Malformed.INSTANCE;
                        }
                        skipWs();
                    }
                }
                depth--;
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void enter() throws Malformed {
        if (++depth > MAX_DEPTH) {
            throw Malformed.INSTANCE;
        }
    }

    private void skipWs() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < end ? b[pos] : -1;
    }

    private int next() {
        return pos < end ? b[pos++] : -1;
    }

    private void expect(char c) throws Malformed {
        if (pos >= end || b[pos] != c) {
            throw Malformed.INSTANCE;
        }
        pos++;
    }

    private static byte[][] names(String... names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
