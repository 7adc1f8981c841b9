package dev.doorman.calllogger.privacy;

import dev.doorman.calllogger.PrivacyMode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Applies the privacy policy to free text: what people said, what the bot answered, and names.
 * {@code HASH} writes {@code sha256:<hex>} of salt + text, so equal texts still group in reports
 * but cannot be read back; {@code OMIT} leaves the field out. Not thread-safe (one per writer).
 */
public final class TextRedactor {
    /** Data keys holding free text, at any depth (so {@code entities.visitor_name} is covered too). */
    public static final Set<String> FREE_TEXT_FIELDS = Set.of(
            "text", "input_text", "response_text", "input", "match", "alternatives",
            "resident", "resident_name", "visitor_name", "transcript");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final PrivacyMode mode;
    private final byte[] salt;
    private final MessageDigest sha256;

    public TextRedactor(PrivacyMode mode, String salt) {
        this.mode = mode;
        this.salt = (salt == null ? "" : salt).getBytes(StandardCharsets.UTF_8);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public PrivacyMode mode() {
        return mode;
    }

    /** True when the value under {@code key} is subject to the policy. */
    public boolean isFreeText(String key) {
        return mode != PrivacyMode.FULL && key != null && FREE_TEXT_FIELDS.contains(key);
    }

    /** The text as the policy writes it; null under {@code OMIT}. */
    public String apply(String text) {
        switch (mode) {
            case FULL:
                return text;
            case OMIT:
                return null;
            default:
                return hash(text);
        }
    }

    private String hash(String text) {
        sha256.reset();
        sha256.update(salt);
        sha256.update((byte) 0);
        byte[] digest = sha256.digest(text.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[7 + digest.length * 2];
        "sha256:".getChars(0, 7, out, 0);
        for (int i = 0; i < digest.length; i++) {
            out[7 + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[8 + 2 * i] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
