package dev.doorman.calllogger.metrics;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.events.Party;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallLoggerMetricsTest {
    @TempDir
    Path dir;

    @Test
    void countersAndStageLatencyTimersReachTheRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .meterRegistry(registry).build())) {
            CallLogger logger = manager.getLogger(UUID.randomUUID().toString());
            logger.logTranscriptionComplete(Party.VISITOR, 1, "hi", 412.5, "vosk");
            logger.logTranscriptionComplete(Party.VISITOR, 2, "hi", 100.0, "vosk");
            logger.logSynthesisComplete(Party.VISITOR, 1, 16000, 1000, 35.0, "espeak", false);
            logger.logGreeting("not a stage");

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    registry.get(CallLoggerMetrics.EVENTS_WRITTEN).functionCounter().count() == 5);
            Timer stt = registry.get(CallLoggerMetrics.STAGE_LATENCY)
                    .tags("stage", "transcription", "provider", "vosk").timer();
            assertEquals(2, stt.count());
            assertEquals(512.5, stt.totalTime(TimeUnit.MILLISECONDS), 0.001);
            Timer tts = registry.get(CallLoggerMetrics.STAGE_LATENCY)
                    .tags("stage", "synthesis", "provider", "espeak").timer();
            assertEquals(1, tts.count());
            assertEquals(0, registry.get(CallLoggerMetrics.EVENTS_DROPPED).functionCounter().count());
            assertEquals(0, registry.get(CallLoggerMetrics.WRITE_ERRORS).functionCounter().count());
            assertNotNull(registry.get(CallLoggerMetrics.QUEUE_DEPTH).gauge());
            assertEquals(1, registry.get(CallLoggerMetrics.OPEN_FILES).gauge().value());
            assertTrue(registry.get(CallLoggerMetrics.BYTES_WRITTEN).functionCounter().count() > 100);
        }
    }

    @Test
    void prometheusScrapeHasStageLatencyHistogramAndCounters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .meterRegistry(registry).build())) {
            CallLogger logger = manager.getLogger(UUID.randomUUID().toString());
            logger.logTranscriptionComplete(Party.VISITOR, 1, "hi", 412.5, "vosk");
            await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats().eventsWritten() == 2);
            String scrape = registry.scrape();
            assertTrue(scrape.contains("call_stage_latency_seconds_bucket{"), scrape);
            assertTrue(scrape.lines().anyMatch(l -> l.startsWith("call_stage_latency_seconds_count{")
                    && l.contains("provider=\"vosk\"") && l.contains("stage=\"transcription\"")
                    && l.endsWith(" 1")), scrape);
            for (String name : new String[] {"calllog_events_written_total", "calllog_events_dropped_total",
                    "calllog_write_errors_total", "calllog_bytes_written_total", "calllog_queue_depth",
                    "calllog_open_files", "calllog_queue_capacity"}) {
                assertTrue(scrape.contains(name), name + " in " + scrape);
            }
        }
    }

    @Test
    void expectedStagesAreScrapedWithZeroCountsBeforeAnyCall() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .meterRegistry(registry).build())) {
            manager.expectStage(dev.doorman.events.Stage.TRANSCRIPTION, "vosk");
            String scrape = registry.scrape();
            assertTrue(scrape.lines().anyMatch(l -> l.startsWith("call_stage_latency_seconds_count{")
                    && l.contains("provider=\"vosk\"") && l.contains("stage=\"transcription\"")
                    && l.endsWith(" 0")), scrape);

            // The first real event lands in the same series.
            manager.getLogger(UUID.randomUUID().toString()).logTranscriptionComplete(Party.VISITOR, 1, "hi", 40.0, "vosk");
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get(CallLoggerMetrics.STAGE_LATENCY)
                    .tags("stage", "transcription", "provider", "vosk").timer().count() == 1);
        }
    }

    @Test
    void providerCardinalityIsBounded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CallLoggerMetrics metrics = new CallLoggerMetrics(new dev.doorman.calllogger.writer.WriterCounters(), () -> 0, 2);
        metrics.bindTo(registry);
        for (int i = 0; i < CallLoggerMetrics.MAX_STAGE_TIMERS + 10; i++) {
            metrics.record(dev.doorman.events.Stage.SYNTHESIS, "p" + i, 1_000_000L);
        }
        assertEquals(CallLoggerMetrics.MAX_STAGE_TIMERS + 1, registry.find(CallLoggerMetrics.STAGE_LATENCY).timers().size());
        assertEquals(10, registry.get(CallLoggerMetrics.STAGE_LATENCY).tag("provider", "other").timer().count());
    }
}
