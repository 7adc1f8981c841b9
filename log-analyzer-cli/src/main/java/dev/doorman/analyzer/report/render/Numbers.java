package dev.doorman.analyzer.report.render;

import java.util.Locale;

/** Number formatting shared by the text-like renderers: milliseconds with at most 3 decimals. */
final class Numbers {
    private Numbers() {
    }

    static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Rounded to microseconds, as reports store it. */
    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
