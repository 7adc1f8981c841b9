package dev.doorman.analyzer.read;

/**
 * The {@code data} fields the analyzer reads, whatever the event type (docs/events.md).
 * Missing numbers are {@code NaN} (or -1 for {@code turn}/{@code count}/{@code attempt}), missing strings null.
 * Text fields (transcripts, prompts) are skipped while parsing: reports never need them.
 */
public record EventData(String source, String target, int turn, double durationMs, double hangoverMs,
                        Boolean cached, long count, String reason, double totalDurationMs, double ringMs,
                        String errorType, String message, String stage, String digit, String from, String to,
                        String building, int attempt, String decision, String by, String status,
                        double firstAudioMs) {

    /** Mutable collector used while a parser walks the {@code data} object. */
    public static final class Builder {
        String source;
        String target;
        int turn = -1;
        double durationMs = Double.NaN;
        double hangoverMs = Double.NaN;
        Boolean cached;
        long count = -1;
        String reason;
        double totalDurationMs = Double.NaN;
        double ringMs = Double.NaN;
        String errorType;
        String message;
        String stage;
        String digit;
        String from;
        String to;
        String building;
        int attempt = -1;
        String decision;
        String by;
        String status;
        double firstAudioMs = Double.NaN;

        public EventData build() {
            return new EventData(source, target, turn, durationMs, hangoverMs, cached, count, reason,
                    totalDurationMs, ringMs, errorType, message, stage, digit, from, to, building, attempt, decision,
                    by, status, firstAudioMs);
        }
    }
}
