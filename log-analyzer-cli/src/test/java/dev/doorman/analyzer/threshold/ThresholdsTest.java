package dev.doorman.analyzer.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.doorman.analyzer.model.Metric;
import dev.doorman.analyzer.stats.StageFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsJudgeP95() {
        List<Verdict> v = Thresholds.defaults().judge(m -> m == Metric.SYNTHESIS
                ? new StageFigures(10, 1, 2, 3, 4, 2500, 6, 7) : StageFigures.EMPTY);
        assertEquals(4, v.size());
        Verdict synthesis = v.stream().filter(x -> x.metric().equals("synthesis")).findFirst().orElseThrow();
        assertEquals(Verdict.Status.BREACH, synthesis.status());
        assertTrue(v.stream().filter(x -> !x.metric().equals("synthesis"))
                .allMatch(x -> x.status() == Verdict.Status.NO_DATA));
    }

    @Test
    void fileOverridesAddsAndRemoves() throws Exception {
        Path f = tmp.resolve("t.conf");
        Files.writeString(f, "synthesis.p95 = off\ntranscription.visitor.p99=800\n");
        Thresholds t = Thresholds.load(f);
        assertEquals(4, t.all().size());
        assertTrue(t.all().stream().anyMatch(x -> x.key().equals("transcription.visitor.p99") && x.limitMs() == 800));
        assertTrue(t.all().stream().noneMatch(x -> x.key().equals("synthesis.p95")));
    }

    @Test
    void badLinesNameTheLine() throws Exception {
        Path f = tmp.resolve("t.conf");
        Files.writeString(f, "\nnot_a_metric.p95 = 3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Thresholds.load(f));
        assertTrue(e.getMessage().startsWith("t.conf:2"), e.getMessage());
        Files.writeString(f, "synthesis.p95 = fast\n");
        assertThrows(IllegalArgumentException.class, () -> Thresholds.load(f));
    }
}
