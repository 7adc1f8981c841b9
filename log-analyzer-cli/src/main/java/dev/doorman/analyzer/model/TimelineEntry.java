package dev.doorman.analyzer.model;

/**
 * One event of a call's timeline. For stage completions {@code durationMs} is the stage's time,
 * so the stage ran from {@code elapsedMs - durationMs} to {@code elapsedMs} (the waterfall bars).
 */
public record TimelineEntry(long seq, double elapsedMs, String event, String party, int turn, double durationMs,
                            String detail) {

    public double startMs() {
        return Double.isNaN(durationMs) ? elapsedMs : elapsedMs - durationMs;
    }
}
