package dev.doorman.analyzer.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyDistributionTest {

    @Test
    void percentilesAgreeWithExactValuesOnRandomData() {
        Random random = new Random(3);
        double[] values = new double[100_000];
        LatencyDistribution d = new LatencyDistribution();
        for (int i = 0; i < values.length; i++) {
            values[i] = 300 * Math.exp(0.8 * random.nextGaussian());
            d.record(values[i]);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double p : new double[] {50, 90, 95, 99}) {
            double exact = ExactSample.nearestRank(sorted, p);
            double approx = d.percentileMs(p);
            assertTrue(Math.abs(approx - exact) <= exact * 0.001 + 0.001, p + ": " + approx + " vs " + exact);
        }
        assertEquals(sorted[0], d.figures().minMs(), 1e-9);
        assertEquals(sorted[sorted.length - 1], d.figures().maxMs(), 1e-9);
        assertEquals(Arrays.stream(values).average().orElseThrow(), d.figures().meanMs(), 1e-6);
    }

    @Test
    void mergingKeepsRawCountsNotMeansOfMeans() {
        LatencyDistribution a = new LatencyDistribution();
        LatencyDistribution b = new LatencyDistribution();
        a.record(100);
        for (int i = 0; i < 9; i++) {
            b.record(1000);
        }
        a.merge(b);
        assertEquals(10, a.count());
        assertEquals(910, a.figures().meanMs(), 1e-9);
        assertEquals(1000, a.percentileMs(50), 1.0);
    }

    @Test
    void ignoresNegativeAndNonFiniteValues() {
        LatencyDistribution d = new LatencyDistribution();
        d.record(-1);
        d.record(Double.NaN);
        d.record(Double.POSITIVE_INFINITY);
        assertEquals(0, d.count());
        assertTrue(d.figures().isEmpty());
    }

    @Test
    void exactSampleUsesNearestRank() {
        ExactSample s = new ExactSample();
        for (double v : new double[] {330, 760, 1240}) {
            s.record(v);
        }
        StageFigures f = s.figures();
        assertEquals(760, f.p50Ms());
        assertEquals(1240, f.p95Ms());
        assertEquals(776.667, f.meanMs(), 0.001);
    }
}
