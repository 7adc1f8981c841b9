package dev.doorman.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every event type a call file may hold, with the fields of its {@code data}. This enum is the
 * schema: {@code docs/events.md} is checked against it by a test, the writer and the analyzer both
 * use its names. The first block is the vocabulary of the Python system we replace (its names are
 * kept, so old dashboards and habits carry over); the rest are ours. Custom types are allowed in
 * files: readers must treat an unknown name as data, not as an error.
 *
 * <p>A field written {@code name?} is optional: present only in the situation its description names.
 */
public enum EventType {
    CALL_SETUP(Category.CALL, "First line of every file: the call was accepted. With resumed (true) it starts a file the logger made again mid-call, after the first was deleted or replaced; an EVENTS_DROPPED follows.",
            "remote?", "local?", "audio_kind?", "sample_rate?", "building?", "resumed?"),
    GREETING(Category.DIALOG, "The doorman's greeting text, before it is synthesized.", "text"),
    STATE_CHANGE(Category.DIALOG, "The dialog moved from one state to another.", "from", "to", "source?"),
    SPEECH_DETECTED(Category.AUDIO, "The VAD heard an utterance start.", "source", "turn"),
    SPEECH_ENDED(Category.AUDIO, "The utterance ended after the VAD's hangover; ended_by only when not by silence in the audio: no_frames (Asterisk stopped sending frames), max_utterance (cut), reset.",
            "source", "turn", "duration_ms", "hangover_ms", "ended_by?"),
    SILENCE_DETECTED(Category.AUDIO, "The party has been silent this long.", "source", "duration_ms"),
    TRANSCRIPTION_START(Category.STAGE, "Recognition of a finished utterance begins.",
            "source", "turn", "audio_bytes", "provider"),
    TRANSCRIPTION_COMPLETE(Category.STAGE, "The transcript, timed from the end of speech.",
            "source", "turn", "text", "duration_ms", "provider"),
    AI_PROCESSING_START(Category.STAGE, "Understanding of a transcript begins.", "turn", "input_text", "source?"),
    INTENT_EXTRACTION_START(Category.STAGE, "Intent and entity extraction begins.", "turn", "provider", "source?"),
    INTENT_EXTRACTION_COMPLETE(Category.STAGE, "The intent and its entities.",
            "turn", "intent", "entities", "duration_ms", "provider", "source?"),
    FUZZY_VALIDATION_START(Category.STAGE, "A heard name or apartment is checked against the directory.",
            "turn", "field", "input"),
    FUZZY_VALIDATION_COMPLETE(Category.STAGE, "The directory's best match and its score.",
            "turn", "field", "input", "match", "score", "valid", "duration_ms"),
    AI_PROCESSING_COMPLETE(Category.STAGE, "The doorman's answer text; the duration covers the whole understanding.",
            "turn", "response_text", "duration_ms", "source?"),
    SYNTHESIS_START(Category.STAGE, "Speech synthesis of an answer begins.", "target", "turn", "text", "provider"),
    SYNTHESIS_COMPLETE(Category.STAGE, "Synthesized audio is ready (from the phrase cache when cached); "
            + "first_audio_ms: when its first sentence was ready and could start playing.",
            "target", "turn", "audio_bytes", "audio_ms", "duration_ms", "provider", "cached", "first_audio_ms?"),
    CALL_MORADOR(Category.RESIDENT, "The server places the call to the resident (one event per attempt).",
            "apartment", "resident", "destination", "attempt"),
    MORADOR_CONNECTED(Category.RESIDENT, "The resident answered; ring_ms from CALL_MORADOR to the answer.",
            "apartment", "resident", "ring_ms", "attempt"),
    ERROR(Category.CALL, "A stage or the connection failed; the call may go on.",
            "error_type", "message", "stage", "details"),
    CALL_ENDED(Category.CALL, "Last line of every file.", "reason", "total_duration_ms"),

    DTMF_RECEIVED(Category.AUDIO, "A keypad digit arrived; turn is the keypad entry's turn (the visitor's digits until a prompt starts or they speak).",
            "source", "digit", "turn?"),
    PLAYBACK_START(Category.AUDIO, "The first frame of a prompt went out.", "target", "turn"),
    PLAYBACK_COMPLETE(Category.AUDIO, "A prompt finished, or was cut off.", "target", "turn", "duration_ms", "interrupted"),
    BARGE_IN(Category.AUDIO, "The party spoke over a prompt, which stopped.", "source", "turn"),
    RESIDENT_NO_ANSWER(Category.RESIDENT, "An attempt to reach the resident failed: no_answer, busy, failed or unavailable.",
            "reason", "attempt"),
    RESIDENT_LEG_ENDED(Category.RESIDENT, "The resident's call leg ended (reason as in CALL_ENDED, or visitor_left); duration since it connected.",
            "reason", "duration_ms"),
    AUTHORIZATION(Category.RESIDENT, "The visit's outcome: authorized, denied, no_answer or visitor_left; by speech, dtmf, timeout or hangup.",
            "decision", "by", "apartment", "resident"),
    DOOR_OPEN(Category.RESIDENT, "The door was asked to open: method webhook or dtmf, status ok or failed, attempts made.",
            "method", "status", "attempts"),
    AUDIO_FORMAT(Category.AUDIO, "Asterisk switched the audio kind (sample rate) mid-call.",
            "from_kind", "to_kind", "sample_rate"),
    RESPONSE_DROPPED(Category.DIALOG, "An answer was not spoken because the party had already said something newer.",
            "turn", "reason", "newer_turn"),
    ADMISSION_REFUSED(Category.CALL, "The server was at capacity: the caller heard that all lines are busy and was hung up"
            + " (reason capacity, backlog or max_conversations).", "reason", "visits", "capacity"),
    /** Written by the logger itself: {@code count} events of this call were dropped. */
    EVENTS_DROPPED(Category.CALL, "Written by the logger: this many events of the call were lost just before this line (reason queue_full or write_error), or, after a resumed CALL_SETUP, this many earlier lines are in a file that was deleted or replaced (reason file_replaced).", "count", "reason");

    /** What an event is about; groups the schema document. */
    public enum Category {
        CALL, AUDIO, STAGE, DIALOG, RESIDENT
    }

    /** A field of an event's {@code data}; optional fields appear only in the case the description names. */
    public record Field(String name, boolean optional) {
    }

    private final Category category;
    private final String description;
    private final List<Field> fields;

    EventType(Category category, String description, String... fields) {
        this.category = category;
        this.description = description;
        this.fields = Arrays.stream(fields)
                .map(f -> f.endsWith("?") ? new Field(f.substring(0, f.length() - 1), true) : new Field(f, false))
                .toList();
    }

    /** The name as written in the {@code event} field. */
    public String wireName() {
        return name();
    }

    public Category category() {
        return category;
    }

    /** One sentence for the schema document. */
    public String description() {
        return description;
    }

    /** The fields of {@code data}, in the order the writer puts them. */
    public List<Field> fields() {
        return fields;
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
