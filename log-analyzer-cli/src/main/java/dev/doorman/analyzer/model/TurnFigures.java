package dev.doorman.analyzer.model;

/**
 * One turn: the party spoke, the bot answered. {@code latencyMs} is PLAYBACK_START minus
 * SPEECH_ENDED (same turn and party), {@code perceivedMs} adds the VAD hangover; the stage times
 * are what this turn spent in each stage ({@code otherMs} is the rest: queueing, the server's
 * own work). Latency figures are NaN when the turn never got an answer.
 */
public record TurnFigures(String party, int turn, double latencyMs, double perceivedMs,
                          double transcriptionMs, double intentMs, double fuzzyMs, double aiMs,
                          double synthesisMs, boolean synthesisCached) {

    public boolean answered() {
        return !Double.isNaN(latencyMs);
    }

    /** Time not explained by the stages (never negative). */
    public double otherMs() {
        if (!answered()) {
            return Double.NaN;
        }
        return Math.max(0, latencyMs - transcriptionMs - aiMs - synthesisMs);
    }

    /** The stage that took the largest part of this turn. */
    public String bottleneck() {
        String name = "transcription";
        double max = transcriptionMs;
        if (aiMs > max) {
            name = "ai_processing";
            max = aiMs;
        }
        if (synthesisMs > max) {
            name = "synthesis";
            max = synthesisMs;
        }
        if (answered() && otherMs() > max) {
            name = "other";
        }
        return name;
    }
}
