package dev.doorman.analyzer.advice;

import dev.doorman.analyzer.model.Aggregate;
import dev.doorman.analyzer.model.ErrorGroups;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.read.DataQuality;
import dev.doorman.analyzer.stats.StageFigures;
import dev.doorman.analyzer.threshold.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Plain-language advice, each line tied to a figure that was measured (never generic tips): slow
 * and uncached synthesis -> the phrase cache, a large unexplained share -> queueing, long VAD
 * hangover -> tune the VAD, lost events -> the logger queue, and so on.
 */
public final class Suggestions {
    /** A stage is worth a word when it takes at least this share of turn latency. */
    private static final double NOTABLE_SHARE = 0.30;

    public List<String> advise(Function<Metric, StageFigures> figures, Aggregate aggregate, DataQuality quality,
                               List<Verdict> verdicts) {
        List<String> out = new ArrayList<>();
        Map<String, Double> shares = aggregate.shares().fractions();
        boolean synthesisBreach = breached(verdicts, Metric.SYNTHESIS);
        StageFigures synthesis = figures.apply(Metric.SYNTHESIS);
        StageFigures uncached = figures.apply(Metric.SYNTHESIS_UNCACHED);
        StageFigures cached = figures.apply(Metric.SYNTHESIS_CACHED);
        double synthesisShare = shares.getOrDefault("synthesis", 0.0);
        if (!synthesis.isEmpty() && (synthesisBreach || synthesisShare >= NOTABLE_SHARE)) {
            double uncachedFraction = uncached.count() / (double) synthesis.count();
            if (uncachedFraction >= 0.5) {
                out.add(String.format(Locale.ROOT, "Synthesis is slow (p95 %s, %s of turn latency) and %s of "
                        + "syntheses were not cached: turn on the phrase cache and warm it with the fixed prompts "
                        + "(greeting, questions, confirmations).", ms(synthesis.p95Ms()), pct(synthesisShare),
                        pct(uncachedFraction)));
            } else if (!cached.isEmpty() && cached.p95Ms() > 100) {
                out.add(String.format(Locale.ROOT, "Cached synthesis is still slow (p95 %s): the cache is probably "
                        + "on disk or too small; give it memory (LRU size) so hits cost microseconds.",
                        ms(cached.p95Ms())));
            } else {
                out.add(String.format(Locale.ROOT, "Uncached synthesis is slow (p95 %s): use a faster voice or "
                        + "engine for dynamic text (names, apartments), or pre-synthesize the directory's names.",
                        ms(uncached.p95Ms())));
            }
        }
        StageFigures transcription = figures.apply(Metric.TRANSCRIPTION);
        double transcriptionShare = shares.getOrDefault("transcription", 0.0);
        if (!transcription.isEmpty() && (breached(verdicts, Metric.TRANSCRIPTION) || transcriptionShare >= NOTABLE_SHARE)) {
            StageFigures visitor = figures.apply(Metric.TRANSCRIPTION_VISITOR);
            StageFigures resident = figures.apply(Metric.TRANSCRIPTION_RESIDENT);
            String who = "";
            if (!visitor.isEmpty() && !resident.isEmpty()) {
                who = String.format(Locale.ROOT, " (visitor p95 %s, resident p95 %s)", ms(visitor.p95Ms()),
                        ms(resident.p95Ms()));
            }
            out.add(String.format(Locale.ROOT, "Transcription takes %s of turn latency, p95 %s%s: stream audio to "
                    + "the recognizer while the caller speaks so the transcript is ready at end of speech, or use a "
                    + "faster STT provider.", pct(transcriptionShare), ms(transcription.p95Ms()), who));
        }
        StageFigures ai = figures.apply(Metric.AI_PROCESSING);
        double aiShare = shares.getOrDefault("ai_processing", 0.0);
        if (!ai.isEmpty() && (breached(verdicts, Metric.AI_PROCESSING) || aiShare >= NOTABLE_SHARE)) {
            StageFigures intent = figures.apply(Metric.INTENT_EXTRACTION);
            StageFigures fuzzy = figures.apply(Metric.FUZZY_VALIDATION);
            String part = intent.isEmpty() ? "" : String.format(Locale.ROOT,
                    "; intent extraction p95 %s, fuzzy validation p95 %s", ms(intent.p95Ms()),
                    fuzzy.isEmpty() ? "n/a" : ms(fuzzy.p95Ms()));
            out.add(String.format(Locale.ROOT, "AI processing takes %s of turn latency, p95 %s%s: prefer the rules "
                    + "intent extractor or a smaller/local model, and keep its timeout below the turn budget.",
                    pct(aiShare), ms(ai.p95Ms()), part));
        }
        double otherShare = shares.getOrDefault("other", 0.0);
        if (otherShare >= NOTABLE_SHARE) {
            out.add(String.format(Locale.ROOT, "%s of turn latency is outside the timed stages (queueing, waiting for "
                    + "a worker, playback start): check the worker pool size and CPU load.", pct(otherShare)));
        }
        StageFigures turn = figures.apply(Metric.TURN_LATENCY);
        StageFigures perceived = figures.apply(Metric.PERCEIVED_LATENCY);
        if (!turn.isEmpty() && !perceived.isEmpty()) {
            double hangover = perceived.meanMs() - turn.meanMs();
            if (hangover >= 600) {
                out.add(String.format(Locale.ROOT, "The VAD waits %s on average before deciding speech ended, on top "
                        + "of the turn latency: lower the VAD hangover (e.g. 400-500 ms) if callers do not pause "
                        + "mid-sentence.", ms(hangover)));
            }
        }
        if (aggregate.turns() > 0 && aggregate.bargeIns() > 0.2 * aggregate.turns()) {
            out.add(String.format(Locale.ROOT, "Callers interrupted the bot %d times in %d turns: shorten the prompts "
                    + "or answer sooner.", aggregate.bargeIns(), aggregate.turns()));
        }
        List<ErrorGroups.Group> groups = aggregate.errors().groups();
        if (!groups.isEmpty()) {
            ErrorGroups.Group top = groups.get(0);
            out.add(String.format(Locale.ROOT, "Most frequent error: %s%s \"%s\" (%d times, e.g. call %s).",
                    top.errorType(), top.stage() == null ? "" : " in " + top.stage(), top.pattern(), top.count(),
                    top.exampleCallIds().isEmpty() ? "?" : top.exampleCallIds().get(0)));
        }
        if (quality.eventsDroppedByLogger() > 0) {
            out.add(String.format(Locale.ROOT, "The logger dropped %d events (EVENTS_DROPPED): its queue overflowed; "
                    + "raise the call-logger queue capacity or check the log disk.", quality.eventsDroppedByLogger()));
        }
        if (quality.eventsMissingInGaps() > 0) {
            out.add(String.format(Locale.ROOT, "%d events are missing from sequence gaps: figures for those calls "
                    + "are incomplete.", quality.eventsMissingInGaps()));
        }
        return out;
    }

    private static boolean breached(List<Verdict> verdicts, Metric metric) {
        return verdicts.stream().anyMatch(v -> v.breached() && v.metric().equals(metric.key()));
    }

    static String ms(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
