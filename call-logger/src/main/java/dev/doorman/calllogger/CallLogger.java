package dev.doorman.calllogger;

import dev.doorman.calllogger.event.EventData;
import dev.doorman.events.EventType;
import dev.doorman.events.Party;
import dev.doorman.events.Stage;

import java.util.Map;

/**
 * One call's event log. Every method enqueues and returns at once: it never blocks on IO and never
 * throws into the call (a closed logger or a full queue only moves a counter). Obtain one from
 * {@link CallLoggerManager#getLogger(String)}.
 *
 * <p>The typed methods spell out the schema of each event (docs/events.md, EventType); {@link #logEvent} takes any
 * other (custom) type.
 */
public final class CallLogger {
    private final String callId;
    private final EventSink sink;

    CallLogger(String callId, EventSink sink) {
        this.callId = callId;
        this.sink = sink;
    }

    /** Canonical lower-case UUID of the call, also its file name. */
    public String callId() {
        return callId;
    }

    /** True until the call ended or the manager closed it; later events are counted and dropped. */
    public boolean isOpen() {
        return sink.isOpen(this);
    }

    /** Records any event; {@code type} is written as given (UPPER_SNAKE by convention). */
    public void logEvent(String type, Map<String, ?> data) {
        sink.submit(this, type, data);
    }

    public void logEvent(EventType type, Map<String, ?> data) {
        sink.submit(this, type.wireName(), data);
    }

    public void logGreeting(String text) {
        logEvent(EventType.GREETING, fields("text", text));
    }

    public void logStateChange(String from, String to) {
        logEvent(EventType.STATE_CHANGE, fields("from", from, "to", to));
    }

    public void logSpeechDetected(Party source, int turn) {
        logEvent(EventType.SPEECH_DETECTED, fields("source", source.wireName(), "turn", turn));
    }

    public void logSpeechEnded(Party source, int turn, double durationMs, double hangoverMs) {
        logEvent(EventType.SPEECH_ENDED, fields("source", source.wireName(), "turn", turn,
                "duration_ms", durationMs, "hangover_ms", hangoverMs));
    }

    public void logSilenceDetected(Party source, double durationMs) {
        logEvent(EventType.SILENCE_DETECTED, fields("source", source.wireName(), "duration_ms", durationMs));
    }

    // ---- timed stages: one StageTimer logs START and COMPLETE and records the latency metric

    /** Logs {@code TRANSCRIPTION_START}; the stage is timed from now. */
    public StageTimer.Transcription startTranscription(Party source, int turn, long audioBytes, String provider) {
        return startTranscription(source, turn, audioBytes, provider, System.nanoTime());
    }

    /**
     * Logs {@code TRANSCRIPTION_START}; the stage is timed from {@code sinceNanos} (a {@code System.nanoTime()}
     * reading, e.g. the end of speech, so the wait for a worker and any decoding backlog count).
     */
    public StageTimer.Transcription startTranscription(Party source, int turn, long audioBytes, String provider,
                                                       long sinceNanos) {
        logEvent(EventType.TRANSCRIPTION_START, fields("source", source.wireName(), "turn", turn,
                "audio_bytes", audioBytes, "provider", provider));
        return new StageTimer.Transcription(this, source, turn, provider, sinceNanos);
    }

    /** Logs {@code AI_PROCESSING_START}; the stage is timed from now. */
    public StageTimer.AiProcessing startAiProcessing(int turn, String inputText) {
        return startAiProcessing(Party.VISITOR, turn, inputText);
    }

    /**
     * As {@link #startAiProcessing(int, String)} for a party's turn; events of parties other than the
     * visitor carry {@code source} (the visitor's keep the original shape, without it).
     */
    public StageTimer.AiProcessing startAiProcessing(Party source, int turn, String inputText) {
        long now = System.nanoTime();
        sink.submit(this, EventType.AI_PROCESSING_START.wireName(), source == Party.VISITOR
                ? fields("turn", turn, "input_text", inputText)
                : fields("turn", turn, "input_text", inputText, "source", source.wireName()), now);
        return new StageTimer.AiProcessing(this, source, turn, now);
    }

    /** Logs {@code INTENT_EXTRACTION_START}; the stage is timed from now. */
    public StageTimer.IntentExtraction startIntentExtraction(int turn, String provider) {
        return startIntentExtraction(Party.VISITOR, turn, provider);
    }

    /** As {@link #startIntentExtraction(int, String)} for a party's turn ({@code source} unless the visitor's). */
    public StageTimer.IntentExtraction startIntentExtraction(Party source, int turn, String provider) {
        long now = System.nanoTime();
        sink.submit(this, EventType.INTENT_EXTRACTION_START.wireName(), source == Party.VISITOR
                ? fields("turn", turn, "provider", provider)
                : fields("turn", turn, "provider", provider, "source", source.wireName()), now);
        return new StageTimer.IntentExtraction(this, source, turn, provider, now);
    }

    /** Logs {@code FUZZY_VALIDATION_START}; the stage is timed from now. */
    public StageTimer.FuzzyValidation startFuzzyValidation(int turn, String field, String input) {
        long now = System.nanoTime();
        sink.submit(this, EventType.FUZZY_VALIDATION_START.wireName(),
                fields("turn", turn, "field", field, "input", input), now);
        return new StageTimer.FuzzyValidation(this, turn, field, input, now);
    }

    /** Logs {@code SYNTHESIS_START}; the stage is timed from now. */
    public StageTimer.Synthesis startSynthesis(Party target, int turn, String text, String provider) {
        long now = System.nanoTime();
        sink.submit(this, EventType.SYNTHESIS_START.wireName(), fields("target", target.wireName(), "turn", turn,
                "text", text, "provider", provider), now);
        return new StageTimer.Synthesis(this, target, turn, provider, now);
    }

    /** A stage timer completed: its COMPLETE event and its latency, together. */
    void stageCompleted(Stage stage, String provider, long nanos, Map<String, ?> data, long endNanos) {
        sink.stageCompleted(stage, provider, nanos);
        sink.submit(this, stage.completeEvent().wireName(), data, endNanos);
    }

    // ---- stage events timed by the caller: kept until every caller uses the timers above. Each
    // records its duration in the latency metric from its argument, as a timer would.

    /** @deprecated use {@link #startTranscription}; kept until the server's remaining callers move. */
    @Deprecated
    public void logTranscriptionStart(Party source, int turn, long audioBytes, String provider) {
        logEvent(EventType.TRANSCRIPTION_START, fields("source", source.wireName(), "turn", turn,
                "audio_bytes", audioBytes, "provider", provider));
    }

    /** @deprecated use {@link StageTimer.Transcription#complete}. */
    @Deprecated
    public void logTranscriptionComplete(Party source, int turn, String text, double durationMs, String provider) {
        recordStage(Stage.TRANSCRIPTION, provider, durationMs);
        logEvent(EventType.TRANSCRIPTION_COMPLETE, fields("source", source.wireName(), "turn", turn,
                "text", text, "duration_ms", durationMs, "provider", provider));
    }

    /** @deprecated use {@link #startAiProcessing}. */
    @Deprecated
    public void logAiProcessingStart(int turn, String inputText) {
        logEvent(EventType.AI_PROCESSING_START, fields("turn", turn, "input_text", inputText));
    }

    /** @deprecated use {@link #startIntentExtraction}. */
    @Deprecated
    public void logIntentExtractionStart(int turn, String provider) {
        logEvent(EventType.INTENT_EXTRACTION_START, fields("turn", turn, "provider", provider));
    }

    /** @deprecated use {@link StageTimer.IntentExtraction#complete}. */
    @Deprecated
    public void logIntentExtractionComplete(int turn, String intent, Map<String, ?> entities,
                                            double durationMs, String provider) {
        recordStage(Stage.INTENT_EXTRACTION, provider, durationMs);
        logEvent(EventType.INTENT_EXTRACTION_COMPLETE, fields("turn", turn, "intent", intent,
                "entities", entities, "duration_ms", durationMs, "provider", provider));
    }

    /** @deprecated use {@link #startFuzzyValidation}. */
    @Deprecated
    public void logFuzzyValidationStart(int turn, String field, String input) {
        logEvent(EventType.FUZZY_VALIDATION_START, fields("turn", turn, "field", field, "input", input));
    }

    /** @deprecated use {@link StageTimer.FuzzyValidation#complete}. */
    @Deprecated
    public void logFuzzyValidationComplete(int turn, String field, String input, String match,
                                           double score, boolean valid, double durationMs) {
        recordStage(Stage.FUZZY_VALIDATION, null, durationMs);
        logEvent(EventType.FUZZY_VALIDATION_COMPLETE, fields("turn", turn, "field", field, "input", input,
                "match", match, "score", score, "valid", valid, "duration_ms", durationMs));
    }

    /** A state change of another party's dialog than the visitor's (the resident's). */
    public void logStateChange(Party source, String from, String to) {
        logEvent(EventType.STATE_CHANGE, fields("from", from, "to", to, "source", source.wireName()));
    }

    /** @deprecated use {@link StageTimer.AiProcessing#complete}. */
    @Deprecated
    public void logAiProcessingComplete(int turn, String responseText, double durationMs) {
        recordStage(Stage.AI_PROCESSING, null, durationMs);
        logEvent(EventType.AI_PROCESSING_COMPLETE, fields("turn", turn, "response_text", responseText,
                "duration_ms", durationMs));
    }

    /** @deprecated use {@link #startSynthesis}. */
    @Deprecated
    public void logSynthesisStart(Party target, int turn, String text, String provider) {
        logEvent(EventType.SYNTHESIS_START, fields("target", target.wireName(), "turn", turn,
                "text", text, "provider", provider));
    }

    /** @deprecated use {@link StageTimer.Synthesis#complete}. */
    @Deprecated
    public void logSynthesisComplete(Party target, int turn, long audioBytes, double audioMs,
                                     double durationMs, String provider, boolean cached) {
        recordStage(Stage.SYNTHESIS, provider, durationMs);
        logEvent(EventType.SYNTHESIS_COMPLETE, fields("target", target.wireName(), "turn", turn,
                "audio_bytes", audioBytes, "audio_ms", audioMs, "duration_ms", durationMs,
                "provider", provider, "cached", cached));
    }

    private void recordStage(Stage stage, String provider, double durationMs) {
        if (durationMs >= 0) {
            sink.stageCompleted(stage, provider, (long) (durationMs * 1_000_000.0));
        }
    }

    /** The server places a call to the resident (second leg); {@code attempt} counts from 1 per visit. */
    public void logCallMorador(String apartment, String resident, String destination, int attempt) {
        logEvent(EventType.CALL_MORADOR, fields("apartment", apartment, "resident", resident,
                "destination", destination, "attempt", attempt));
    }

    /** The resident answered: their leg is connected, {@code ringMs} after CALL_MORADOR. */
    public void logMoradorConnected(String apartment, String resident, double ringMs, int attempt) {
        logEvent(EventType.MORADOR_CONNECTED, fields("apartment", apartment, "resident", resident,
                "ring_ms", ringMs, "attempt", attempt));
    }

    /** An attempt to reach the resident failed: {@code no_answer}, {@code busy}, {@code failed} or {@code unavailable}. */
    public void logResidentNoAnswer(String reason, int attempt) {
        logEvent(EventType.RESIDENT_NO_ANSWER, fields("reason", reason, "attempt", attempt));
    }

    /** The resident's leg ended ({@code duration_ms} since it connected). */
    public void logResidentLegEnded(String reason, double durationMs) {
        logEvent(EventType.RESIDENT_LEG_ENDED, fields("reason", reason, "duration_ms", durationMs));
    }

    /** The visit's outcome: {@code decision} authorized|denied|no_answer|visitor_left, {@code by} speech|dtmf|timeout|hangup. */
    public void logAuthorization(String decision, String by, String apartment, String resident) {
        logEvent(EventType.AUTHORIZATION, fields("decision", decision, "by", by, "apartment", apartment,
                "resident", resident));
    }

    /** The door was asked to open: {@code method} webhook|dtmf, {@code status} ok|failed|skipped. */
    public void logDoorOpen(String method, String status, int attempts) {
        logEvent(EventType.DOOR_OPEN, fields("method", method, "status", status, "attempts", attempts));
    }

    public void logError(String errorType, String message, String stage, Map<String, ?> details) {
        logEvent(EventType.ERROR, fields("error_type", errorType, "message", message, "stage", stage,
                "details", details == null ? Map.of() : details));
    }

    public void logDtmfReceived(Party source, char digit) {
        logEvent(EventType.DTMF_RECEIVED, fields("source", source.wireName(), "digit", String.valueOf(digit)));
    }

    public void logPlaybackStart(Party target, int turn) {
        logEvent(EventType.PLAYBACK_START, fields("target", target.wireName(), "turn", turn));
    }

    public void logPlaybackComplete(Party target, int turn, double durationMs, boolean interrupted) {
        logEvent(EventType.PLAYBACK_COMPLETE, fields("target", target.wireName(), "turn", turn,
                "duration_ms", durationMs, "interrupted", interrupted));
    }

    public void logBargeIn(Party source, int turn) {
        logEvent(EventType.BARGE_IN, fields("source", source.wireName(), "turn", turn));
    }

    /**
     * Ends the call: writes {@code CALL_ENDED{reason,total_duration_ms}} and closes this logger.
     * Later calls are ignored (counted as dropped), so hang-up paths may race safely.
     */
    public void logCallEnded(String reason) {
        sink.end(this, reason);
    }

    // Ordered, null-tolerant (a missing transcript is written as null, not lost), and one small
    // object per event on the calling thread.
    private static Map<String, Object> fields(Object... keysAndValues) {
        return EventData.of(keysAndValues);
    }

    /** Where a logger's events go; implemented by the manager's writer (or a sink that discards). */
    interface EventSink {
        void submit(CallLogger logger, String type, Map<String, ?> data);

        /** As above, for an event that happened at {@code nanos} ({@code System.nanoTime()}). */
        void submit(CallLogger logger, String type, Map<String, ?> data, long nanos);

        /** A stage's latency for the metrics; never throws. */
        void stageCompleted(Stage stage, String provider, long nanos);

        void end(CallLogger logger, String reason);

        boolean isOpen(CallLogger logger);
    }
}
