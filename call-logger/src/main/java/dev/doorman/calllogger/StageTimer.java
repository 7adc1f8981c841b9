package dev.doorman.calllogger;

import dev.doorman.calllogger.event.EventData;
import dev.doorman.events.EventFields;
import dev.doorman.events.Party;
import dev.doorman.events.Stage;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One timed stage of one call: created by a {@code CallLogger.startXxx} method, which logs the
 * stage's {@code *_START} event; its {@code complete(...)} logs the {@code *_COMPLETE} event with
 * {@code duration_ms} and records the same duration in the {@code call.stage.latency} timer, from
 * one clock reading. A stage that fails is simply not completed (log its {@code ERROR}); a second
 * {@code complete} is ignored. Like every logging call, it never blocks and never throws.
 *
 * <p>Each stage has its own subclass, whose {@code complete} takes that stage's result fields.
 */
public abstract class StageTimer {
    private final CallLogger logger;
    private final Stage stage;
    private final String provider;
    private final long startNanos;
    private final AtomicBoolean completed = new AtomicBoolean();

    StageTimer(CallLogger logger, Stage stage, String provider, long startNanos) {
        this.logger = logger;
        this.stage = stage;
        this.provider = provider;
        this.startNanos = startNanos;
    }

    public Stage stage() {
        return stage;
    }

    /** The provider tag of the latency metric (and the event's {@code provider} where it has one); may be null. */
    public String provider() {
        return provider;
    }

    /** {@code System.nanoTime()} the stage is timed from. */
    public long startNanos() {
        return startNanos;
    }

    /** Milliseconds since the start, so far. */
    public double elapsedMs() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /**
     * Logs the COMPLETE event (its fields, with {@code duration_ms} put where {@code durationAt}
     * says) and records the latency metric. Returns false when already completed.
     */
    final boolean finish(Object[] fields, int durationAt) {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        long end = System.nanoTime();
        long nanos = end - startNanos;
        Object[] withDuration = new Object[fields.length + 2];
        System.arraycopy(fields, 0, withDuration, 0, durationAt);
        withDuration[durationAt] = EventFields.DURATION_MS;
        withDuration[durationAt + 1] = nanos / 1e6;
        System.arraycopy(fields, durationAt, withDuration, durationAt + 2, fields.length - durationAt);
        logger.stageCompleted(stage, provider, nanos, EventData.of(withDuration), end);
        return true;
    }

    /** {@code TRANSCRIPTION_START} ... {@code TRANSCRIPTION_COMPLETE{source,turn,text,duration_ms,provider}}. */
    public static final class Transcription extends StageTimer {
        private final Party source;
        private final int turn;

        Transcription(CallLogger logger, Party source, int turn, String provider, long startNanos) {
            super(logger, Stage.TRANSCRIPTION, provider, startNanos);
            this.source = source;
            this.turn = turn;
        }

        public void complete(String text) {
            finish(new Object[] {"source", source.wireName(), "turn", turn, "text", text,
                    EventFields.PROVIDER, provider()}, 6);
        }
    }

    /** {@code INTENT_EXTRACTION_START} ... {@code INTENT_EXTRACTION_COMPLETE{turn,intent,entities,duration_ms,provider,source?}}. */
    public static final class IntentExtraction extends StageTimer {
        private final Party source;
        private final int turn;

        IntentExtraction(CallLogger logger, Party source, int turn, String provider, long startNanos) {
            super(logger, Stage.INTENT_EXTRACTION, provider, startNanos);
            this.source = source;
            this.turn = turn;
        }

        public void complete(String intent, Map<String, ?> entities) {
            Map<String, ?> found = entities == null ? Map.of() : entities;
            finish(source == Party.VISITOR
                    ? new Object[] {"turn", turn, "intent", intent, "entities", found, EventFields.PROVIDER, provider()}
                    : new Object[] {"turn", turn, "intent", intent, "entities", found, EventFields.PROVIDER, provider(),
                            EventFields.SOURCE, source.wireName()}, 6);
        }
    }

    /** {@code FUZZY_VALIDATION_START} ... {@code FUZZY_VALIDATION_COMPLETE{turn,field,input,match,score,valid,duration_ms}}. */
    public static final class FuzzyValidation extends StageTimer {
        private final int turn;
        private final String field;
        private final String input;

        FuzzyValidation(CallLogger logger, int turn, String field, String input, long startNanos) {
            super(logger, Stage.FUZZY_VALIDATION, null, startNanos);
            this.turn = turn;
            this.field = field;
            this.input = input;
        }

        public void complete(String match, double score, boolean valid) {
            finish(new Object[] {"turn", turn, "field", field, "input", input, "match", match, "score", score,
                    "valid", valid}, 12);
        }
    }

    /** {@code AI_PROCESSING_START} ... {@code AI_PROCESSING_COMPLETE{turn,response_text,duration_ms,source?}}. */
    public static final class AiProcessing extends StageTimer {
        private final Party source;
        private final int turn;

        AiProcessing(CallLogger logger, Party source, int turn, long startNanos) {
            super(logger, Stage.AI_PROCESSING, null, startNanos);
            this.source = source;
            this.turn = turn;
        }

        public void complete(String responseText) {
            finish(source == Party.VISITOR
                    ? new Object[] {"turn", turn, "response_text", responseText}
                    : new Object[] {"turn", turn, "response_text", responseText, EventFields.SOURCE, source.wireName()}, 4);
        }
    }

    /** {@code SYNTHESIS_START} ... {@code SYNTHESIS_COMPLETE{target,turn,audio_bytes,audio_ms,duration_ms,provider,cached,first_audio_ms?}}. */
    public static final class Synthesis extends StageTimer {
        private final Party target;
        private final int turn;

        Synthesis(CallLogger logger, Party target, int turn, String provider, long startNanos) {
            super(logger, Stage.SYNTHESIS, provider, startNanos);
            this.target = target;
            this.turn = turn;
        }

        public void complete(long audioBytes, double audioMs, boolean cached) {
            finish(new Object[] {"target", target.wireName(), "turn", turn, "audio_bytes", audioBytes,
                    "audio_ms", audioMs, EventFields.PROVIDER, provider(), "cached", cached}, 8);
        }

        /** For speech made in pieces: {@code firstAudioMs} from the start until its first piece was ready to play. */
        public void complete(long audioBytes, double audioMs, boolean cached, double firstAudioMs) {
            finish(new Object[] {"target", target.wireName(), "turn", turn, "audio_bytes", audioBytes,
                    "audio_ms", audioMs, EventFields.PROVIDER, provider(), "cached", cached,
                    "first_audio_ms", firstAudioMs}, 8);
        }
    }
}
