package dev.doorman.events;

import java.util.Optional;

/**
 * The timed stages of a turn. Each is closed by a {@code *_COMPLETE} event whose
 * {@code duration_ms} is the stage's latency; the logger's metrics and the analyzer both key
 * their per-stage figures on these names.
 */
public enum Stage {
    TRANSCRIPTION("transcription", EventType.TRANSCRIPTION_START, EventType.TRANSCRIPTION_COMPLETE),
    INTENT_EXTRACTION("intent_extraction", EventType.INTENT_EXTRACTION_START, EventType.INTENT_EXTRACTION_COMPLETE),
    FUZZY_VALIDATION("fuzzy_validation", EventType.FUZZY_VALIDATION_START, EventType.FUZZY_VALIDATION_COMPLETE),
    AI_PROCESSING("ai_processing", EventType.AI_PROCESSING_START, EventType.AI_PROCESSING_COMPLETE),
    SYNTHESIS("synthesis", EventType.SYNTHESIS_START, EventType.SYNTHESIS_COMPLETE);

    private final String wireName;
    private final EventType start;
    private final EventType complete;

    Stage(String wireName, EventType start, EventType complete) {
        this.wireName = wireName;
        this.start = start;
        this.complete = complete;
    }

    /** Stable lower_snake name used in metrics tags and reports. */
    public String wireName() {
        return wireName;
    }

    public EventType startEvent() {
        return start;
    }

    public EventType completeEvent() {
        return complete;
    }

    /** The stage an event type completes, if any. */
    public static Optional<Stage> completedBy(EventType type) {
        for (Stage stage : values()) {
            if (stage.complete == type) {
                return Optional.of(stage);
            }
        }
        return Optional.empty();
    }
}
