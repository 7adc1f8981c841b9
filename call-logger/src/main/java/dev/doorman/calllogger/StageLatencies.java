package dev.doorman.calllogger;

import dev.doorman.calllogger.metrics.StageLatency;
import dev.doorman.events.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records a stage latency on the calling thread without ever throwing into the call. */
final class StageLatencies {
    private static final Logger LOG = LoggerFactory.getLogger(StageLatencies.class);

    private StageLatencies() {
    }

    static void record(StageLatency latency, Stage stage, String provider, long nanos) {
        try {
            latency.record(stage, provider, nanos);
        } catch (RuntimeException e) {
            LOG.warn("stage latency metric failed for {}: {}", stage.wireName(), e.toString());
        }
    }
}
