package dev.doorman.server.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.server.pipeline.ConfigSectionBinder;

/**
 * Config {@code dialog}: whether calls run the intercom dialog (speech pipeline) instead of the
 * plain greeting, how many unproductive turns in a row the doorman tolerates before giving up
 * politely, the keypad digits, and the prompts.
 *
 * @param enabled      run the intercom dialog (STT, intent, directory, TTS) on every call; default false
 * @param maxAttempts  turns without progress (nothing understood, not found, not confirmed) before goodbye
 * @param yesDigit     DTMF digit meaning "yes" when confirming
 * @param noDigit      DTMF digit meaning "no" when confirming
 * @param submitDigit  DTMF digit that ends a keyed-in apartment number ({@code *} clears it)
 * @param noInputSeconds silence after a question before the doorman asks again (counts as an attempt)
 * @param prompts      the doorman's words
 */
public record DialogConfig(Boolean enabled, Integer maxAttempts, Character yesDigit, Character noDigit, Character submitDigit,
                           Integer noInputSeconds, DialogPrompts prompts) {
    public static final DialogConfig DEFAULTS = new DialogConfig(null, null, null, null, null, null, null);

    public DialogConfig {
        enabled = enabled != null && enabled;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("dialog.maxAttempts must be at least 1, got " + maxAttempts);
        }
        yesDigit = yesDigit == null ? '1' : yesDigit;
        noDigit = noDigit == null ? '2' : noDigit;
        submitDigit = submitDigit == null ? '#' : submitDigit;
        noInputSeconds = noInputSeconds == null ? 8 : noInputSeconds;
        if (noInputSeconds < 1) {
            throw new IllegalArgumentException("dialog.noInputSeconds must be at least 1, got " + noInputSeconds);
        }
        prompts = prompts == null ? DialogPrompts.ENGLISH : prompts;
    }

    /** Binds the raw {@code dialog} section; errors name the key, e.g. {@code dialog.prompts.greting}. */
    public static DialogConfig from(JsonNode section) {
        return new ConfigSectionBinder().bind("dialog", section, DialogConfig.class);
    }

    /** How long the visitor may stay silent after a question before the doorman asks again. */
    public java.time.Duration noInput() {
        return java.time.Duration.ofSeconds(noInputSeconds);
    }

    /** Every fixed prompt (no placeholders), worth synthesizing once at startup. */
    public java.util.List<String> fixedPrompts() {
        DialogPrompts p = prompts;
        return java.util.stream.Stream.of(p.greeting(), p.askName(), p.askApartment(), p.askResident(),
                        p.confirmRetry(), p.notUnderstood(), p.giveUp(), p.fallback())
                .filter(text -> !text.contains("{"))
                .distinct()
                .toList();
    }
}
