package dev.doorman.analyzer.report.render;

import dev.doorman.analyzer.model.Breakdown;
import dev.doorman.analyzer.model.CallSummary;
import dev.doorman.analyzer.model.Dimension;
import dev.doorman.analyzer.model.GroupFigures;
import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.model.TimelineEntry;
import dev.doorman.analyzer.stats.LatencyDistribution;
import dev.doorman.analyzer.stats.StageFigures;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report's charts as inline SVG (no script, no network): histograms with axes, ticks,
 * units and p50/p95/p99 markers; latency over time; a call's waterfall grouped by turn on a time
 * axis. Every chart is 1000 units wide and scales to the page's width.
 */
final class SvgCharts {
    static final int W = 1000;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int BINS = 40;
    private static final String[] PERCENTILE_COLORS = {"#2a9d8f", "#e9a23b", "#d1495b"};

    private SvgCharts() {
    }

    /** A histogram of one distribution: count per bin on the y axis, ms on the x axis, percentile markers. */
    static void histogram(PrintWriter out, String id, String name, LatencyDistribution d) {
        int h = 200;
        int top = 46;
        int bottom = h - 34;
        out.printf(Locale.ROOT, "<figure class=\"chart\" id=\"%s\"><figcaption>%s <small>(%d values)</small></figcaption>%n",
                id, HtmlRenderer.esc(name), d.count());
        out.printf(Locale.ROOT, "<svg class=\"histogram\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s histogram\">%n",
                W, h, HtmlRenderer.esc(name));
        if (d.count() == 0) {
            out.printf(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"nodata\">no data</text></svg></figure>%n", W / 2, h / 2);
            return;
        }
        double lo = d.minMs();
        double hi = d.maxMs();
        double pad = Math.max(1, lo * 0.05);
        if (hi - lo < pad) {
            // one value, or nearly: give the axis a width to draw on
            lo = Math.max(0, lo - pad);
            hi = hi + pad;
        }
        long[] bins = d.bins(lo, hi, BINS);
        long maxCount = 1;
        for (long b : bins) {
            maxCount = Math.max(maxCount, b);
        }
        Ticks x = Ticks.of(lo, hi, 8);
        Ticks y = Ticks.counts(maxCount, 4);
        double plotW = W - LEFT - RIGHT;
        double xScale = plotW / (x.max - x.min);
        double yScale = (bottom - top) / y.max;
        axes(out, x, y, top, bottom, "ms", "calls".equals(name) ? "calls" : "count", xScale, yScale);
        double binW = (hi - lo) / BINS;
        for (int i = 0; i < BINS; i++) {
            double x0 = LEFT + (lo + i * binW - x.min) * xScale;
            double bh = bins[i] * yScale;
            out.printf(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s..%s ms: %d"
                    + "</title></rect>%n", x0, bottom - bh, Math.max(1, binW * xScale - 1), bh,
                    Numbers.ms(lo + i * binW), Numbers.ms(lo + (i + 1) * binW), bins[i]);
        }
        StageFigures f = d.figures();
        double[] marks = {f.p50Ms(), f.p95Ms(), f.p99Ms()};
        String[] names = {"p50", "p95", "p99"};
        for (int i = 0; i < 3; i++) {
            double px = LEFT + (marks[i] - x.min) * xScale;
            int labelY = 12 + 13 * i; // stacked, so close percentiles stay readable
            String anchor = px > W - 120 ? "end" : px < LEFT + 60 ? "start" : "middle";
            out.printf(Locale.ROOT, "<line class=\"marker %s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"%s\" text-anchor=\"%s\">%s %s ms</text>%n",
                    names[i], px, px, labelY + 3, bottom, PERCENTILE_COLORS[i], px, labelY, PERCENTILE_COLORS[i], anchor,
                    names[i], Numbers.ms(marks[i]));
        }
        out.println("</svg></figure>");
    }

    /** Turn latency over time: p50 and p95 of visitor turns, p95 of resident turns, per hour or per day. */
    static void trend(PrintWriter out, Breakdown overTime) {
        Breakdown series = overTime;
        List<Instant> starts = new ArrayList<>();
        for (String key : overTime.groups().keySet()) {
            Instant at = start(key);
            if (at != null) {
                starts.add(at);
            }
        }
        if (starts.size() >= 2 && overTime.dimension() == Dimension.HOUR
                && starts.get(starts.size() - 1).getEpochSecond() - starts.get(0).getEpochSecond() > 72 * 3600) {
            series = overTime.byDay();
        }
        String unit = series.dimension() == Dimension.HOUR ? "hour" : "day";
        Map<Instant, GroupFigures> points = new LinkedHashMap<>();
        series.groups().forEach((key, g) -> {
            Instant at = start(key);
            if (at != null) {
                points.put(at, g);
            }
        });
        out.printf(Locale.ROOT, "<figure class=\"chart\" id=\"trend\"><figcaption>Turn latency per %s (UTC): p50 and p95 "
                + "of visitor turns, p95 of resident turns</figcaption>%n", unit);
        int h = 240;
        int top = 20;
        int bottom = h - 40;
        out.printf(Locale.ROOT, "<svg class=\"trend\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"latency over time\">%n", W, h);
        double maxMs = 0;
        for (GroupFigures g : points.values()) {
            maxMs = Math.max(maxMs, Math.max(g.figures(Metric.TURN_LATENCY_VISITOR).p95Ms(),
                    g.figures(Metric.TURN_LATENCY_RESIDENT).p95Ms()));
        }
        if (points.isEmpty() || maxMs == 0) {
            out.printf(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"nodata\">no answered turn with a start time</text>"
                    + "</svg></figure>%n", W / 2, h / 2);
            return;
        }
        long step = unit.equals("hour") ? 3600 : 86400;
        long t0 = points.keySet().iterator().next().getEpochSecond();
        long t1 = Math.max(t0 + step, starts.isEmpty() ? t0 + step : lastKey(points).getEpochSecond() + step);
        Ticks y = Ticks.of(0, maxMs, 5);
        double plotW = W - LEFT - RIGHT;
        double xScale = plotW / (t1 - t0);
        double yScale = (bottom - top) / y.max;
        out.printf(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n", LEFT, W - RIGHT, bottom, bottom);
        out.printf(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n", LEFT, LEFT, top, bottom);
        for (double v : y.values()) {
            double py = bottom - v * yScale;
            out.printf(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/><text x=\"%d\" y=\"%.1f\" "
                    + "text-anchor=\"end\">%s</text>%n", LEFT, W - RIGHT, py, py, LEFT - 4, py + 4, Ticks.label(v));
        }
        out.printf(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">ms</text>%n",
                (top + bottom) / 2, (top + bottom) / 2);
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (Instant at : points.keySet()) {
            double px = LEFT + (at.getEpochSecond() + step / 2 - t0) * xScale;
            if (px - lastLabel >= 110) { // never let two time labels overlap
                lastLabel = px;
                out.printf(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\" "
                        + "text-anchor=\"middle\">%s</text>%n", px, px, bottom, bottom + 4, px, bottom + 16,
                        unit.equals("hour") ? at.toString().substring(5, 16).replace('T', ' ') : at.toString().substring(0, 10));
            }
        }
        out.printf(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">call start (UTC, per %s)</text>%n",
                (LEFT + W - RIGHT) / 2, bottom + 34, unit);
        line(out, points, Metric.TURN_LATENCY_VISITOR, true, "p50-visitor", "#2a9d8f", t0, step, xScale, yScale, bottom);
        line(out, points, Metric.TURN_LATENCY_VISITOR, false, "p95-visitor", "#e9a23b", t0, step, xScale, yScale, bottom);
        line(out, points, Metric.TURN_LATENCY_RESIDENT, false, "p95-resident", "#6a4c93", t0, step, xScale, yScale, bottom);
        out.printf(Locale.ROOT, "<g class=\"legend\"><text x=\"%d\" y=\"14\" fill=\"#2a9d8f\">visitor p50</text>"
                + "<text x=\"%d\" y=\"14\" fill=\"#e9a23b\">visitor p95</text><text x=\"%d\" y=\"14\" fill=\"#6a4c93\">"
                + "resident p95</text></g>%n", LEFT + 10, LEFT + 110, LEFT + 210);
        out.println("</svg></figure>");
    }

    private static void line(PrintWriter out, Map<Instant, GroupFigures> points, Metric metric, boolean median,
                             String cls, String color, long t0, long step, double xScale, double yScale, int bottom) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (Map.Entry<Instant, GroupFigures> e : points.entrySet()) {
            StageFigures f = e.getValue().figures(metric);
            if (f.isEmpty()) {
                continue;
            }
            double v = median ? f.p50Ms() : f.p95Ms();
            double px = LEFT + (e.getKey().getEpochSecond() + step / 2 - t0) * xScale;
            double py = bottom - v * yScale;
            path.append(path.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %s ms "
                    + "(%d turns)</title></circle>", px, py, color, e.getKey(), cls, Numbers.ms(v), f.count()));
        }
        if (path.length() > 0) {
            out.printf(Locale.ROOT, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%s%n",
                    cls, color, path, dots);
        }
    }

    /** One call's timeline, grouped by turn (party and number), bars on a shared time axis. */
    static void waterfall(PrintWriter out, CallSummary call) {
        Map<String, List<TimelineEntry>> groups = new LinkedHashMap<>();
        Map<Integer, String> latestGroupOfTurn = new java.util.HashMap<>();
        double end = 1;
        for (TimelineEntry e : call.timeline()) {
            String group;
            if (e.turn() < 0) {
                group = "call";
            } else if (e.party() != null) {
                group = e.party() + " turn " + e.turn();
                latestGroupOfTurn.put(e.turn(), group);
            } else {
                // AI events name no party: they belong to the latest turn with their number (as in the analysis)
                group = latestGroupOfTurn.getOrDefault(e.turn(), "turn " + e.turn());
            }
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(e);
            end = Math.max(end, e.elapsedMs());
        }
        int rowH = 16;
        int labelW = 260;
        int top = 30;
        int rows = call.timeline().size() + groups.size();
        int h = top + rows * rowH + 10;
        Ticks x = Ticks.of(0, end, 10);
        double xScale = (W - labelW - RIGHT) / x.max;
        out.printf(Locale.ROOT, "<svg class=\"waterfall\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"timeline of %s\">%n",
                W, h, call.callId());
        for (double v : x.values()) {
            double px = labelW + v * xScale;
            out.printf(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\" "
                    + "text-anchor=\"middle\">%s</text>%n", px, px, top - 6, h - 6, px, top - 10, Ticks.label(v) + " ms");
        }
        int y = top;
        for (Map.Entry<String, List<TimelineEntry>> g : groups.entrySet()) {
            out.printf(Locale.ROOT, "<g class=\"turn\"><text class=\"group\" x=\"0\" y=\"%d\">%s</text>%n", y + 12,
                    HtmlRenderer.esc(g.getKey()));
            y += rowH;
            for (TimelineEntry e : g.getValue()) {
                out.printf(Locale.ROOT, "<text x=\"12\" y=\"%d\">%s</text>%n", y + 12, HtmlRenderer.esc(e.event()));
                double px = labelW + Math.max(0, e.startMs()) * xScale;
                boolean bar = !Double.isNaN(e.durationMs());
                double w = bar ? Math.max(2, e.durationMs() * xScale) : 2;
                String cls = e.event().startsWith("ERROR") ? "error" : bar ? "stage" : "point";
                out.printf(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s at %s ms%s%s"
                        + "</title></rect>%n", cls, px, y + 3, w, rowH - 6, HtmlRenderer.esc(e.event()),
                        Numbers.ms(e.elapsedMs()), bar ? ", took " + Numbers.ms(e.durationMs()) + " ms" : "",
                        e.detail() == null ? "" : ": " + HtmlRenderer.esc(e.detail()));
                y += rowH;
            }
            out.println("</g>");
        }
        out.println("</svg>");
    }

    private static void axes(PrintWriter out, Ticks x, Ticks y, int top, int bottom, String xUnit, String yUnit,
                             double xScale, double yScale) {
        out.printf(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n", LEFT, W - RIGHT, bottom, bottom);
        out.printf(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n", LEFT, LEFT, top, bottom);
        for (double v : x.values()) {
            double px = LEFT + (v - x.min) * xScale;
            out.printf(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\" "
                    + "text-anchor=\"middle\">%s</text>%n", px, px, bottom, bottom + 4, px, bottom + 16, Ticks.label(v));
        }
        for (double v : y.values()) {
            double py = bottom - v * yScale;
            out.printf(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/><text x=\"%d\" y=\"%.1f\" "
                    + "text-anchor=\"end\">%s</text>%n", LEFT, W - RIGHT, py, py, LEFT - 4, py + 4, Ticks.label(v));
        }
        out.printf(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (LEFT + W - RIGHT) / 2,
                bottom + 30, xUnit);
        out.printf(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>%n",
                (top + bottom) / 2, (top + bottom) / 2, yUnit);
    }

    private static Instant start(String key) {
        try {
            if (key.length() == 10) {
                return LocalDate.parse(key).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(key.replace(":00Z", ":00:00Z"));
        } catch (RuntimeException notATime) {
            return null;
        }
    }

    private static Instant lastKey(Map<Instant, GroupFigures> points) {
        Instant last = null;
        for (Instant at : points.keySet()) {
            last = at;
        }
        return last;
    }

    /** "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten covering [min, max]. */
    static final class Ticks {
        final double min;
        final double max;
        final double step;

        private Ticks(double min, double max, double step) {
            this.min = min;
            this.max = max;
            this.step = step;
        }

        /** Whole-number ticks from 0 for counts. */
        static Ticks counts(long max, int target) {
            Ticks t = of(0, max, target);
            return t.step >= 1 ? t : new Ticks(0, Math.max(1, max), 1);
        }

        static Ticks of(double lo, double hi, int target) {
            double range = Math.max(hi - lo, 1e-6);
            double raw = range / target;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude;
            for (double m : new double[] {1, 2, 5, 10}) {
                if (m * magnitude >= raw) {
                    step = m * magnitude;
                    break;
                }
            }
            double min = Math.floor(lo / step) * step;
            double max = Math.ceil(hi / step) * step;
            if (max <= min) {
                max = min + step;
            }
            return new Ticks(min, max, step);
        }

        List<Double> values() {
            List<Double> values = new ArrayList<>();
            for (double v = min; v <= max + step / 2; v += step) {
                values.add(v);
            }
            return values;
        }

        static String label(double v) {
            if (Math.abs(v) >= 10_000) {
                return String.format(Locale.ROOT, "%.0fk", v / 1000);
            }
            if (v == Math.rint(v)) {
                return String.format(Locale.ROOT, "%.0f", v);
            }
            return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
        }
    }
}
