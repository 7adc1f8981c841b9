package dev.doorman.analyzer.model;

/**
 * Every latency distribution a report holds, with its key in the JSON report. The first five are
 * the timed stages ({@link dev.doorman.events.Stage}); the split ones answer "slow for
 * whom?" and "is the cache helping?".
 */
public enum Metric {
    TRANSCRIPTION("transcription"),
    INTENT_EXTRACTION("intent_extraction"),
    FUZZY_VALIDATION("fuzzy_validation"),
    AI_PROCESSING("ai_processing"),
    SYNTHESIS("synthesis"),
    VAD_SPEECH("vad_speech"),
    VAD_SILENCE("vad_silence"),
    TRANSCRIPTION_VISITOR("transcription.visitor"),
    TRANSCRIPTION_RESIDENT("transcription.resident"),
    SYNTHESIS_VISITOR("synthesis.visitor"),
    SYNTHESIS_RESIDENT("synthesis.resident"),
    SYNTHESIS_CACHED("synthesis.cached"),
    SYNTHESIS_UNCACHED("synthesis.uncached"),
    TURN_LATENCY("turn_latency"),
    TURN_LATENCY_VISITOR("turn_latency.visitor"),
    TURN_LATENCY_RESIDENT("turn_latency.resident"),
    PERCEIVED_LATENCY("perceived_latency"),
    CALL_DURATION("call_duration"),
    RING_TIME("ring_time"),
    RESIDENT_RESPONSE("resident_response");

    /** The stages shown in the "stages" object of a report, in pipeline order. */
    public static final Metric[] STAGES = {TRANSCRIPTION, INTENT_EXTRACTION, FUZZY_VALIDATION, AI_PROCESSING,
            SYNTHESIS, VAD_SPEECH, VAD_SILENCE};
    /** The splits shown in the "breakdown" object. */
    public static final Metric[] BREAKDOWN = {TRANSCRIPTION_VISITOR, TRANSCRIPTION_RESIDENT, SYNTHESIS_VISITOR,
            SYNTHESIS_RESIDENT, SYNTHESIS_CACHED, SYNTHESIS_UNCACHED, TURN_LATENCY_VISITOR, TURN_LATENCY_RESIDENT};
    /** The resident leg's figures. */
    public static final Metric[] RESIDENT = {RING_TIME, RESIDENT_RESPONSE};

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Looks up a key as written in reports and threshold files. */
    public static Metric fromKey(String key) {
        for (Metric metric : values()) {
            if (metric.key.equals(key)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'");
    }
}
