package dev.doorman.analyzer.read;

/**
 * Strict UTF-8 check of a byte range. The JSON parser skips the strings we do not read without
 * decoding them, so invalid bytes there would pass unnoticed; this check makes them a counted
 * problem. ASCII-only lines (the common case) cost one pass over the bytes.
 */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= end) {
                return false;
            }
            int cp = c & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }
}
