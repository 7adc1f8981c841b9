package dev.doorman.analyzer.stats;

/** The figures every report shows for one latency distribution, in milliseconds. */
public record StageFigures(long count, double minMs, double meanMs, double p50Ms, double p90Ms,
                           double p95Ms, double p99Ms, double maxMs) {

    public static final StageFigures EMPTY = new StageFigures(0, 0, 0, 0, 0, 0, 0, 0);

    public boolean isEmpty() {
        return count == 0;
    }

    /** The figure a threshold names: {@code min, mean, p50, p90, p95, p99, max}. */
    public double figure(String name) {
        return switch (name) {
            case "min" -> minMs;
            case "mean" -> meanMs;
            case "p50" -> p50Ms;
            case "p90" -> p90Ms;
            case "p95" -> p95Ms;
            case "p99" -> p99Ms;
            case "max" -> maxMs;
            default -> throw new IllegalArgumentException("unknown figure '" + name
                    + "' (expected min, mean, p50, p90, p95, p99 or max)");
        };
    }
}
