package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.threshold.Verdict;

/** Why a figure has no data: which events it is measured from, so "no_data" reads as a cause, not a failure. */
final class NoData {
    private NoData() {
    }

    static String cause(Verdict v) {
        Metric metric;
        try {
            metric = Metric.fromKey(v.metric());
        } catch (IllegalArgumentException e) {
            return "nothing measured";
        }
        return "no " + source(metric) + " in these calls";
    }

    static String source(Metric m) {
        return switch (m) {
            case TRANSCRIPTION, TRANSCRIPTION_VISITOR, TRANSCRIPTION_RESIDENT -> "TRANSCRIPTION_COMPLETE";
            case INTENT_EXTRACTION -> "INTENT_EXTRACTION_COMPLETE";
            case FUZZY_VALIDATION -> "FUZZY_VALIDATION_COMPLETE";
            case AI_PROCESSING -> "AI_PROCESSING_COMPLETE";
            case SYNTHESIS, SYNTHESIS_VISITOR, SYNTHESIS_RESIDENT, SYNTHESIS_CACHED, SYNTHESIS_UNCACHED -> "SYNTHESIS_COMPLETE";
            case VAD_SPEECH -> "SPEECH_ENDED";
            case VAD_SILENCE -> "SILENCE_DETECTED";
            case TURN_LATENCY, TURN_LATENCY_VISITOR, TURN_LATENCY_RESIDENT, PERCEIVED_LATENCY ->
                    "answered turn (SPEECH_ENDED then PLAYBACK_START)";
            case CALL_DURATION -> "call";
            case RING_TIME -> "MORADOR_CONNECTED";
            case RESIDENT_RESPONSE -> "AUTHORIZATION by speech or dtmf after MORADOR_CONNECTED";
        };
    }
}
