package dev.doorman.analyzer.model;

import dev.doorman.analyzer.read.CallEvent;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.read.EventData;
import dev.doorman.analyzer.read.EventSink;
import dev.doorman.events.EventType;
import dev.doorman.analyzer.stats.ExactSample;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one call's events, in file order, into a {@link CallSummary}: stage samples, turns with
 * their latency and per-stage share, errors, barge-ins, DTMF and data loss (sequence gaps and
 * EVENTS_DROPPED). One instance per call file.
 */
public final class CallAnalysis implements EventSink {
    private final String callId;
    private final String server;
    private final Path file;
    private final String fileName;
    private final DataQuality quality;
    private final List<TimelineEntry> timeline;

    private final Map<Metric, ExactSample> samples = CallSummary.newSamples();
    private final Map<Long, TurnBuilder> turns = new LinkedHashMap<>();
    private final Map<Integer, TurnBuilder> lastTurnByNumber = new HashMap<>();
    private final List<ErrorOccurrence> errors = new ArrayList<>();
    private String startTs;
    private boolean startFromSetup;
    private double maxElapsedMs;
    private double totalDurationMs = Double.NaN;
    private String endReason;
    private int bargeIns;
    private int dtmfDigits;
    private long events;
    private long expectedSeq;
    private long eventsMissing;
    private long eventsDropped;
    private String building;
    private int residentAttempts;
    private int residentConnected;
    private double residentConnectedAt = Double.NaN;
    private final List<String> noAnswerReasons = new ArrayList<>(1);
    private String decision;
    private String decidedBy;
    private String doorStatus;

    /** {@code keepTimeline}: also record every event for the per-call timeline. */
    public CallAnalysis(String callId, String server, Path file, DataQuality quality, boolean keepTimeline) {
        this.callId = callId;
        this.server = server;
        this.file = file;
        this.fileName = file == null ? callId : file.getFileName().toString();
        this.quality = quality;
        this.timeline = keepTimeline ? new ArrayList<>() : null;
    }

    @Override
    public boolean needsStartTime() {
        return startTs == null;
    }

    @Override
    public void accept(CallEvent e) {
        events++;
        checkSequence(e);
        if (e.ts() != null && (startTs == null || (!startFromSetup && e.is(EventType.CALL_SETUP)))) {
            startTs = e.ts();
            startFromSetup = e.is(EventType.CALL_SETUP);
        }
        double at = e.elapsedMs();
        if (at > maxElapsedMs) {
            maxElapsedMs = at;
        }
        EventData d = e.data();
        if (timeline != null) {
            // A ringing resident is drawn as a bar too: MORADOR_CONNECTED ends ring_ms of ringing.
            double took = e.is(EventType.MORADOR_CONNECTED) ? d.ringMs() : d.durationMs();
            String who = d.source() != null ? d.source() : d.target();
            timeline.add(new TimelineEntry(e.seq(), at, e.eventName(), who == null ? null : party(who), d.turn(), took,
                    detail(e)));
        }
        if (e.type() == null) {
            return;
        }
        switch (e.type()) {
            case CALL_SETUP -> {
                if (d.building() != null && !d.building().isBlank()) {
                    building = d.building();
                }
            }
            case SPEECH_ENDED -> {
                record(Metric.VAD_SPEECH, d.durationMs());
                TurnBuilder turn = turn(party(d.source()), d.turn());
                turn.speechEndedAt = at;
                turn.hangoverMs = d.hangoverMs();
            }
            case SILENCE_DETECTED -> record(Metric.VAD_SILENCE, d.durationMs());
            case TRANSCRIPTION_COMPLETE -> {
                String party = party(d.source());
                record(Metric.TRANSCRIPTION, d.durationMs());
                record(party.equals("resident") ? Metric.TRANSCRIPTION_RESIDENT : Metric.TRANSCRIPTION_VISITOR,
                        d.durationMs());
                turn(party, d.turn()).transcriptionMs += zeroIfNaN(d.durationMs());
            }
            case INTENT_EXTRACTION_COMPLETE -> {
                record(Metric.INTENT_EXTRACTION, d.durationMs());
                understandingTurn(d).intentMs += zeroIfNaN(d.durationMs());
            }
            case FUZZY_VALIDATION_COMPLETE -> {
                record(Metric.FUZZY_VALIDATION, d.durationMs());
                understandingTurn(d).fuzzyMs += zeroIfNaN(d.durationMs());
            }
            case AI_PROCESSING_COMPLETE -> {
                record(Metric.AI_PROCESSING, d.durationMs());
                understandingTurn(d).aiMs += zeroIfNaN(d.durationMs());
            }
            case SYNTHESIS_COMPLETE -> {
                String party = party(d.target());
                boolean cached = Boolean.TRUE.equals(d.cached());
                record(Metric.SYNTHESIS, d.durationMs());
                record(party.equals("resident") ? Metric.SYNTHESIS_RESIDENT : Metric.SYNTHESIS_VISITOR, d.durationMs());
                record(cached ? Metric.SYNTHESIS_CACHED : Metric.SYNTHESIS_UNCACHED, d.durationMs());
                TurnBuilder turn = turn(party, d.turn());
                // A turn's latency waits for its answer's audio up to the first sentence (playback
                // starts there); prompts synthesized after the answer started playing are not part of it.
                double startedAt = at - zeroIfNaN(d.durationMs());
                if (Double.isNaN(turn.playbackAt) || startedAt <= turn.playbackAt) {
                    turn.synthesisMs += zeroIfNaN(Double.isNaN(d.firstAudioMs()) ? d.durationMs() : d.firstAudioMs());
                    turn.synthesisCached = cached;
                }
            }
            case PLAYBACK_START -> {
                TurnBuilder turn = turns.get(key(party(d.target()), d.turn()));
                if (turn != null && !Double.isNaN(turn.speechEndedAt) && Double.isNaN(turn.playbackAt)
                        && at >= turn.speechEndedAt) {
                    turn.playbackAt = at;
                }
            }
            case BARGE_IN -> bargeIns++;
            case DTMF_RECEIVED -> dtmfDigits++;
            case CALL_MORADOR -> residentAttempts++;
            case MORADOR_CONNECTED -> {
                record(Metric.RING_TIME, d.ringMs());
                residentConnected++;
                residentConnectedAt = at;
            }
            case RESIDENT_NO_ANSWER -> noAnswerReasons.add(nonNull(d.reason(), "unknown"));
            case AUTHORIZATION -> {
                decision = nonNull(d.decision(), "unknown");
                decidedBy = d.by();
                // The resident's response time: from answering to deciding, only when the resident
                // decided (by speech or keypad), not when a timeout decided for them.
                boolean answered = "speech".equals(d.by()) || "dtmf".equals(d.by());
                if (answered && !Double.isNaN(residentConnectedAt) && at >= residentConnectedAt) {
                    record(Metric.RESIDENT_RESPONSE, at - residentConnectedAt);
                }
            }
            case DOOR_OPEN -> doorStatus = nonNull(d.status(), "unknown");
            case ERROR -> errors.add(new ErrorOccurrence(e.ts(), at, nonNull(d.errorType(), "unknown"),
                    nonNull(d.message(), ""), d.stage()));
            case CALL_ENDED -> {
                totalDurationMs = d.totalDurationMs();
                endReason = d.reason();
            }
            case EVENTS_DROPPED -> eventsDropped += Math.max(0, d.count());
            default -> {
                // Other events only mark progress; their time is in the timeline.
            }
        }
    }

    public CallSummary finish() {
        double duration = Double.isNaN(totalDurationMs) ? maxElapsedMs : totalDurationMs;
        if (events > 0) {
            record(Metric.CALL_DURATION, duration);
        }
        List<TurnFigures> figures = new ArrayList<>(turns.size());
        for (TurnBuilder turn : turns.values()) {
            if (Double.isNaN(turn.speechEndedAt)) {
                continue; // a prompt the bot started (greeting, calling the resident), not an answer
            }
            TurnFigures f = turn.figures();
            if (f.answered()) {
                record(Metric.TURN_LATENCY, f.latencyMs());
                record(f.party().equals("resident") ? Metric.TURN_LATENCY_RESIDENT : Metric.TURN_LATENCY_VISITOR,
                        f.latencyMs());
                record(Metric.PERCEIVED_LATENCY, f.perceivedMs());
            }
            figures.add(f);
        }
        quality.eventsDropped(eventsDropped);
        if (eventsMissing > 0 || eventsDropped > 0) {
            quality.callWithDataLoss();
        }
        ResidentLeg resident = residentAttempts == 0 && decision == null && residentConnected == 0
                && noAnswerReasons.isEmpty() && doorStatus == null ? ResidentLeg.NONE
                : new ResidentLeg(residentAttempts, residentConnected, List.copyOf(noAnswerReasons), decision,
                decidedBy, doorStatus);
        return new CallSummary(callId, server, file, building, parseInstant(startTs), duration, endReason, samples, figures,
                errors, bargeIns, dtmfDigits, events, eventsMissing, eventsDropped, resident, timeline);
    }

    private void checkSequence(CallEvent e) {
        if (e.seq() == CallEvent.NO_SEQ) {
            return;
        }
        if (e.seq() > expectedSeq) {
            long missing = e.seq() - expectedSeq;
            eventsMissing += missing;
            quality.sequenceGap(missing, fileName + ":" + e.line());
        }
        if (e.seq() >= expectedSeq) {
            expectedSeq = e.seq() + 1;
        }
    }

    private void record(Metric metric, double ms) {
        if (ms >= 0) {
            samples.computeIfAbsent(metric, m -> new ExactSample()).record(ms);
        }
    }

    private TurnBuilder turn(String party, int turn) {
        TurnBuilder builder = turns.computeIfAbsent(key(party, turn), k -> new TurnBuilder(party, turn));
        lastTurnByNumber.put(turn, builder);
        return builder;
    }

    // AI, intent and fuzzy events name their party in an optional source (each party numbers its
    // own turns); without it they belong to the latest turn with that number.
    private TurnBuilder understandingTurn(EventData d) {
        return d.source() != null ? turn(party(d.source()), d.turn()) : turnByNumber(d.turn());
    }

    private TurnBuilder turnByNumber(int turn) {
        TurnBuilder builder = lastTurnByNumber.get(turn);
        return builder != null ? builder : turn("visitor", turn);
    }

    private static long key(String party, int turn) {
        return ((long) (party.equals("resident") ? 1 : 0) << 32) | (turn & 0xffffffffL);
    }

    private static String party(String wire) {
        return "resident".equals(wire) ? "resident" : "visitor";
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) || v < 0 ? 0 : v;
    }

    private static String nonNull(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String detail(CallEvent e) {
        EventData d = e.data();
        if (e.is(EventType.ERROR)) {
            return d.errorType() + ": " + d.message();
        }
        if (e.is(EventType.STATE_CHANGE)) {
            return d.from() + " -> " + d.to();
        }
        if (e.is(EventType.SYNTHESIS_COMPLETE) && d.cached() != null) {
            return d.cached() ? "cached" : "not cached";
        }
        if (e.is(EventType.CALL_ENDED)) {
            return d.reason();
        }
        if (e.is(EventType.DTMF_RECEIVED)) {
            return d.digit();
        }
        if (e.is(EventType.AUTHORIZATION)) {
            return d.decision() + (d.by() == null ? "" : " by " + d.by());
        }
        if (e.is(EventType.RESIDENT_NO_ANSWER)) {
            return d.reason() + (d.attempt() < 0 ? "" : ", attempt " + d.attempt());
        }
        if ((e.is(EventType.CALL_MORADOR) || e.is(EventType.MORADOR_CONNECTED)) && d.attempt() >= 0) {
            return "attempt " + d.attempt();
        }
        if (e.is(EventType.DOOR_OPEN)) {
            return d.status();
        }
        return null;
    }

    static Instant parseInstant(String ts) {
        if (ts == null) {
            return null;
        }
        Instant fast = Timestamps.parseUtc(ts);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Mutable turn state while the call's events stream by. */
    private static final class TurnBuilder {
        final String party;
        final int turn;
        double speechEndedAt = Double.NaN;
        double playbackAt = Double.NaN;
        double hangoverMs = Double.NaN;
        double transcriptionMs;
        double intentMs;
        double fuzzyMs;
        double aiMs;
        double synthesisMs;
        boolean synthesisCached;

        TurnBuilder(String party, int turn) {
            this.party = party;
            this.turn = turn;
        }

        TurnFigures figures() {
            double latency = Double.isNaN(speechEndedAt) || Double.isNaN(playbackAt) ? Double.NaN
                    : playbackAt - speechEndedAt;
            double perceived = Double.isNaN(latency) ? Double.NaN
                    : latency + (Double.isNaN(hangoverMs) ? 0 : hangoverMs);
            return new TurnFigures(party, turn, latency, perceived, transcriptionMs, intentMs, fuzzyMs, aiMs,
                    synthesisMs, synthesisCached);
        }
    }
}
