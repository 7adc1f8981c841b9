package dev.doorman.analyzer.report;

import java.time.Instant;

/** Which calls a report covers, by the call's start time: {@code since <= start < until}. Nulls are open ends. */
public record TimeWindow(Instant since, Instant until) {
    public static final TimeWindow ALL = new TimeWindow(null, null);

    public boolean isOpen() {
        return since == null && until == null;
    }

    /** A call whose start is unknown is only included when the window is fully open. */
    public boolean contains(Instant start) {
        if (start == null) {
            return isOpen();
        }
        return (since == null || !start.isBefore(since)) && (until == null || start.isBefore(until));
    }
}
