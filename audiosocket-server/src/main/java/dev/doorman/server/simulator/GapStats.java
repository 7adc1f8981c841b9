package dev.doorman.server.simulator;

import org.HdrHistogram.AbstractHistogram;

/**
 * Summary of a paced stream's inter-frame gaps and gap errors (|gap - 20 ms|), in milliseconds.
 * All figures are 0 when fewer than two frames were seen ({@code gaps == 0}).
 */
public record GapStats(long gaps,
                       double gapP50Ms, double gapP99Ms, double gapMaxMs,
                       double errorP50Ms, double errorP99Ms, double errorMaxMs) {

    static GapStats of(AbstractHistogram gaps, AbstractHistogram errors) {
        return new GapStats(gaps.getTotalCount(),
                ms(gaps.getValueAtPercentile(50)), ms(gaps.getValueAtPercentile(99)), ms(gaps.getMaxValue()),
                ms(errors.getValueAtPercentile(50)), ms(errors.getValueAtPercentile(99)), ms(errors.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
