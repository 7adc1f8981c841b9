package dev.doorman.analyzer.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistributionComparisonTest {
    private static LatencyDistribution sample(long seed, int n, double median, double shift) {
        Random r = new Random(seed);
        LatencyDistribution d = new LatencyDistribution();
        for (int i = 0; i < n; i++) {
            d.record(median * Math.exp(0.5 * r.nextGaussian()) + shift);
        }
        return d;
    }

    @Test
    void sameDistributionIsNoChange() {
        LatencyDistribution a = sample(1, 2000, 300, 0);
        LatencyDistribution b = sample(2, 2000, 300, 0);
        var rank = DistributionComparison.mannWhitney(a, b);
        assertEquals(0.5, rank.probabilityCurrentSlower(), 0.03);
        assertTrue(rank.pSlower() > 0.01, "p " + rank.pSlower());
        var p95 = DistributionComparison.percentile(a, b, 95, 2.576);
        assertTrue(p95.lowMs() < 0 && p95.highMs() > 0, "the interval holds zero: " + p95);
    }

    @Test
    void aShiftIsFoundAndItsIntervalHoldsIt() {
        LatencyDistribution a = sample(1, 2000, 300, 0);
        LatencyDistribution b = sample(2, 2000, 300, 60);
        var rank = DistributionComparison.mannWhitney(a, b);
        assertTrue(rank.pSlower() < 1e-6, "p " + rank.pSlower());
        var p50 = DistributionComparison.percentile(a, b, 50, 2.576);
        assertTrue(p50.significantIncrease());
        assertTrue(p50.lowMs() < 60 && p50.highMs() > 60, "the interval holds the true shift: " + p50);
        assertFalse(p50.significantDecrease());
    }

    @Test
    void tooFewValuesHaveAnUnboundedInterval() {
        var c = DistributionComparison.percentile(sample(1, 10, 300, 0), sample(2, 10, 300, 500), 50, 2.576);
        assertFalse(c.significantIncrease());
        assertTrue(Double.isNaN(DistributionComparison.mannWhitney(sample(1, 10, 300, 0), sample(2, 10, 300, 500)).pSlower()));
    }

    @Test
    void normalTail() {
        assertEquals(0.5, DistributionComparison.upperTail(0), 1e-7);
        assertEquals(0.025, DistributionComparison.upperTail(1.959964), 1e-6);
        assertEquals(0.975, DistributionComparison.upperTail(-1.959964), 1e-6);
    }
}
