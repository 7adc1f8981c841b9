package dev.doorman.analyzer.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A summary split into groups by one {@link Dimension}: group key -> {@link GroupFigures}, keys in
 * order (times sort as times). Bounded: past {@link #MAX_GROUPS} keys new ones fall into
 * {@link #OTHER}; an hourly breakdown that grows past that becomes daily instead. Mergeable.
 */
public final class Breakdown {
    public static final int MAX_GROUPS = 2000;
    public static final String OTHER = "(other)";
    /** The figures a {@code --by} table shows per group. */
    public static final Metric[] TABLE_METRICS = {Metric.TURN_LATENCY_VISITOR, Metric.TURN_LATENCY_RESIDENT,
            Metric.TRANSCRIPTION, Metric.AI_PROCESSING, Metric.SYNTHESIS, Metric.RING_TIME, Metric.RESIDENT_RESPONSE};
    /** The figures the latency-over-time chart draws. */
    public static final Metric[] TREND_METRICS = {Metric.TURN_LATENCY_VISITOR, Metric.TURN_LATENCY_RESIDENT};

    private Dimension dimension;
    private final Metric[] metrics;
    private Map<String, GroupFigures> groups = new TreeMap<>();

    public Breakdown(Dimension dimension, Metric[] metrics) {
        this.dimension = dimension;
        this.metrics = metrics;
    }

    public void add(CallSummary call) {
        group(dimension.key(call)).add(call);
        if (dimension == Dimension.HOUR && groups.size() > MAX_GROUPS) {
            regroupByDay();
        }
    }

    public void merge(Breakdown other) {
        if (other.dimension == Dimension.DAY && dimension == Dimension.HOUR) {
            regroupByDay();
        }
        Breakdown source = other;
        if (dimension == Dimension.DAY && other.dimension == Dimension.HOUR) {
            source = other.byDay();
        }
        source.groups.forEach((key, figures) -> group(key).merge(figures));
    }

    /** This breakdown by day (an hourly one merged into days; any other returned as is). */
    public Breakdown byDay() {
        if (dimension != Dimension.HOUR) {
            return this;
        }
        Breakdown days = new Breakdown(Dimension.DAY, metrics);
        groups.forEach((hour, figures) -> days.group(dayOf(hour)).merge(figures));
        return days;
    }

    private void regroupByDay() {
        Breakdown days = byDay();
        dimension = Dimension.DAY;
        groups = days.groups;
    }

    private static String dayOf(String hourKey) {
        return hourKey.startsWith("(") ? hourKey : hourKey.substring(0, 10);
    }

    private GroupFigures group(String key) {
        GroupFigures g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS && dimension != Dimension.HOUR) {
                return groups.computeIfAbsent(OTHER, k -> new GroupFigures(metrics));
            }
            g = new GroupFigures(metrics);
            groups.put(key, g);
        }
        return g;
    }

    public Dimension dimension() {
        return dimension;
    }

    public Map<String, GroupFigures> groups() {
        return Collections.unmodifiableMap(groups);
    }
}
