package dev.doorman.calllogger;

import java.util.Locale;

/** What happens to free text (transcripts, responses, names) before it is written. */
public enum PrivacyMode {
    /** Written as said. */
    FULL,
    /** Salted SHA-256, so equal texts still group in reports without being readable. */
    HASH,
    /** Left out. */
    OMIT;

    public static PrivacyMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("privacy mode '" + value + "' is not one of full, hash, omit");
        }
    }
}
