package dev.doorman.calllogger.event;

import java.util.Locale;
import java.util.Optional;

/**
 * Every event type a call file may hold. The first block is the vocabulary of the Python system we
 * replace (its names are kept so old dashboards and habits carry over); the rest are ours. Custom
 * types are allowed in files: readers must treat an unknown name as data, not as an error.
 */
public enum EventType {
    CALL_SETUP,
    GREETING,
    STATE_CHANGE,
    SPEECH_DETECTED,
    SPEECH_ENDED,
    SILENCE_DETECTED,
    TRANSCRIPTION_START,
    TRANSCRIPTION_COMPLETE,
    AI_PROCESSING_START,
    INTENT_EXTRACTION_START,
    INTENT_EXTRACTION_COMPLETE,
    FUZZY_VALIDATION_START,
    FUZZY_VALIDATION_COMPLETE,
    AI_PROCESSING_COMPLETE,
    SYNTHESIS_START,
    SYNTHESIS_COMPLETE,
    CALL_MORADOR,
    MORADOR_CONNECTED,
    ERROR,
    CALL_ENDED,

    DTMF_RECEIVED,
    PLAYBACK_START,
    PLAYBACK_COMPLETE,
    BARGE_IN,
    /** Written by the logger itself: {@code count} events of this call were dropped on overflow. */
    EVENTS_DROPPED;

    /** The name as written in the {@code event} field. */
    public String wireName() {
        return name();
    }

    /** Looks a wire name up; empty for custom or unknown types. */
    public static Optional<EventType> fromWireName(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
