package dev.doorman.analyzer.model;

import dev.doorman.analyzer.stats.ExactSample;
import dev.doorman.analyzer.stats.LatencyDistribution;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary over many calls: raw distributions merged (never a mean of means), the stages'
 * summed share of turn latency, counts, error groups and the N slowest calls and turns. Memory is
 * fixed whatever the number of calls. One per worker thread, merged at the end.
 */
public final class Aggregate {
    private static final int END_REASONS_KEPT = 50;

    private final Map<Metric, LatencyDistribution> distributions = new EnumMap<>(Metric.class);
    private final Map<String, Long> endReasons = new TreeMap<>();
    private final ErrorGroups errors = new ErrorGroups();
    private final TopList<CallSummary> slowestCalls;
    private final TopList<SlowTurn> slowestTurns;
    private final ShareSums shares = new ShareSums();
    private final ResidentCounts resident = new ResidentCounts();
    private final Breakdown overTime = new Breakdown(Dimension.HOUR, Breakdown.TREND_METRICS);
    private final Breakdown breakdown;
    private long calls;
    private long turns;
    private long unansweredTurns;
    private long bargeIns;
    private long dtmfDigits;
    private long callsWithErrors;
    private Instant firstCallStart;
    private Instant lastCallStart;

    public Aggregate(int top) {
        this(top, null);
    }

    /** {@code by}: also split the summary by this dimension ({@code --by}); null for none. */
    public Aggregate(int top, Dimension by) {
        this.breakdown = by == null ? null : new Breakdown(by, Breakdown.TABLE_METRICS);
        this.slowestCalls = new TopList<>(top, Comparator.comparingDouble(CallSummary::slownessKey)
                .thenComparing(CallSummary::callId));
        this.slowestTurns = new TopList<>(top, Comparator.comparingDouble((SlowTurn t) -> t.turn().latencyMs())
                .thenComparing(SlowTurn::callId).thenComparingInt(t -> t.turn().turn()));
        for (Metric metric : Metric.values()) {
            distributions.put(metric, new LatencyDistribution());
        }
    }

    public void add(CallSummary call) {
        calls++;
        for (Map.Entry<Metric, ExactSample> entry : call.samples().entrySet()) {
            entry.getValue().copyInto(distributions.get(entry.getKey()));
        }
        for (TurnFigures turn : call.turns()) {
            turns++;
            if (turn.answered()) {
                shares.add(turn);
                slowestTurns.offer(new SlowTurn(call.callId(), turn));
            } else {
                unansweredTurns++;
            }
        }
        for (ErrorOccurrence error : call.errors()) {
            errors.add(call.callId(), error);
        }
        if (!call.errors().isEmpty()) {
            callsWithErrors++;
        }
        bargeIns += call.bargeIns();
        dtmfDigits += call.dtmfDigits();
        resident.add(call.resident());
        overTime.add(call);
        if (breakdown != null) {
            breakdown.add(call);
        }
        String reason = call.endReason() == null ? "(no CALL_ENDED)" : call.endReason();
        if (endReasons.containsKey(reason) || endReasons.size() < END_REASONS_KEPT) {
            endReasons.merge(reason, 1L, Long::sum);
        }
        if (call.start() != null) {
            if (firstCallStart == null || call.start().isBefore(firstCallStart)) {
                firstCallStart = call.start();
            }
            if (lastCallStart == null || call.start().isAfter(lastCallStart)) {
                lastCallStart = call.start();
            }
        }
        slowestCalls.offer(call.withoutTimeline());
    }

    public void merge(Aggregate other) {
        calls += other.calls;
        other.distributions.forEach((metric, d) -> distributions.get(metric).merge(d));
        other.endReasons.forEach((reason, count) -> {
            if (endReasons.containsKey(reason) || endReasons.size() < END_REASONS_KEPT) {
                endReasons.merge(reason, count, Long::sum);
            }
        });
        errors.merge(other.errors);
        slowestCalls.merge(other.slowestCalls);
        slowestTurns.merge(other.slowestTurns);
        shares.merge(other.shares);
        resident.merge(other.resident);
        overTime.merge(other.overTime);
        if (breakdown != null && other.breakdown != null) {
            breakdown.merge(other.breakdown);
        }
        turns += other.turns;
        unansweredTurns += other.unansweredTurns;
        bargeIns += other.bargeIns;
        dtmfDigits += other.dtmfDigits;
        callsWithErrors += other.callsWithErrors;
        if (other.firstCallStart != null && (firstCallStart == null || other.firstCallStart.isBefore(firstCallStart))) {
            firstCallStart = other.firstCallStart;
        }
        if (other.lastCallStart != null && (lastCallStart == null || other.lastCallStart.isAfter(lastCallStart))) {
            lastCallStart = other.lastCallStart;
        }
    }

    public LatencyDistribution distribution(Metric metric) {
        return distributions.get(metric);
    }

    public long calls() {
        return calls;
    }

    public long turns() {
        return turns;
    }

    public long unansweredTurns() {
        return unansweredTurns;
    }

    public long bargeIns() {
        return bargeIns;
    }

    public long dtmfDigits() {
        return dtmfDigits;
    }

    public long callsWithErrors() {
        return callsWithErrors;
    }

    public Map<String, Long> endReasons() {
        return endReasons;
    }

    public ErrorGroups errors() {
        return errors;
    }

    public TopList<CallSummary> slowestCalls() {
        return slowestCalls;
    }

    public TopList<SlowTurn> slowestTurns() {
        return slowestTurns;
    }

    public ShareSums shares() {
        return shares;
    }

    public ResidentCounts resident() {
        return resident;
    }

    /** Turn latency per hour (per day past {@link Breakdown#MAX_GROUPS} hours), for the trend chart. */
    public Breakdown overTime() {
        return overTime;
    }

    /** The {@code --by} breakdown, or null. */
    public Breakdown breakdown() {
        return breakdown;
    }

    public Instant firstCallStart() {
        return firstCallStart;
    }

    public Instant lastCallStart() {
        return lastCallStart;
    }
}
