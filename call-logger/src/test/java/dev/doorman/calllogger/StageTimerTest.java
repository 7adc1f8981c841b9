package dev.doorman.calllogger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doorman.calllogger.metrics.CallLoggerMetrics;
import dev.doorman.events.EventType;
import dev.doorman.events.Party;
import dev.doorman.events.Stage;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.doorman.calllogger.CallFiles.fileOf;
import static dev.doorman.calllogger.CallFiles.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** One stage timer gives the START event, the COMPLETE event and the latency metric, from one clock. */
class StageTimerTest {
    @TempDir
    Path dir;

    @Test
    void everyStageWritesItsSchemaFieldsAndTheMetricEqualsDurationMs() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .meterRegistry(registry).build())) {
            CallLogger logger = manager.getLogger(id);
            long endOfSpeech = System.nanoTime();
            logger.startTranscription(Party.VISITOR, 1, 3200, "vosk", endOfSpeech).complete("apartment four");
            logger.startAiProcessing(1, "apartment four").complete("Calling apartment 4.");
            logger.startIntentExtraction(1, "rules").complete("visit", Map.of("apartment", "4"));
            logger.startFuzzyValidation(1, "apartment", "four").complete("4", 0.97, true);
            logger.startSynthesis(Party.VISITOR, 1, "Calling apartment 4.", "freetts").complete(16000, 1000.0, false);
            logger.logCallEnded("done");
        }
        List<JsonNode> lines = read(fileOf(dir, id));
        CallFiles.assertWellFormed(lines, id, 0);
        Iterator<JsonNode> stages = lines.subList(1, lines.size() - 1).iterator();
        for (Stage stage : List.of(Stage.TRANSCRIPTION, Stage.AI_PROCESSING, Stage.INTENT_EXTRACTION,
                Stage.FUZZY_VALIDATION, Stage.SYNTHESIS)) {
            JsonNode start = stages.next();
            JsonNode complete = stages.next();
            assertEquals(stage.startEvent().wireName(), start.get("event").asText());
            assertEquals(requiredFields(stage.startEvent()), fieldNames(start));
            assertEquals(stage.completeEvent().wireName(), complete.get("event").asText());
            assertEquals(requiredFields(stage.completeEvent()), fieldNames(complete), "fields in schema order");
            double durationMs = complete.get("data").get("duration_ms").asDouble();
            String provider = complete.get("data").has("provider") ? complete.get("data").get("provider").asText()
                    : "unknown";
            Timer timer = registry.get(CallLoggerMetrics.STAGE_LATENCY)
                    .tags("stage", stage.wireName(), "provider", provider).timer();
            assertEquals(1, timer.count(), stage.wireName());
            assertEquals(durationMs, timer.totalTime(TimeUnit.MILLISECONDS), 1e-6,
                    "the metric is the duration written, from the same clock reading");
        }
    }

    @Test
    void anotherPartysStagesSayWhoAndSpeechInPiecesSaysWhenItsFirstPieceWasReady() {
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).build())) {
            CallLogger logger = manager.getLogger(id);
            logger.startAiProcessing(Party.RESIDENT, 2, "yes").complete("Thank you.");
            logger.startIntentExtraction(Party.RESIDENT, 2, "rules").complete("authorize", Map.of());
            logger.startSynthesis(Party.RESIDENT, 2, "Thank you.", "freetts").complete(800, 50.0, true, 0.25);
            logger.logCallEnded("done");
        }
        List<JsonNode> lines = read(fileOf(dir, id));
        for (JsonNode line : lines.subList(1, 5)) {
            assertEquals("resident", line.get("data").get("source").asText(), line.toString());
        }
        assertEquals(0.25, lines.get(6).get("data").get("first_audio_ms").asDouble());
        assertEquals("target", fieldNames(lines.get(6)).get(0));
    }

    @Test
    void aTimerCompletesOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir)
                .meterRegistry(registry).build())) {
            StageTimer.AiProcessing ai = manager.getLogger(id).startAiProcessing(2, "hi");
            ai.complete("hello");
            ai.complete("hello again");
        }
        assertEquals(1, read(fileOf(dir, id)).stream()
                .filter(l -> l.get("event").asText().equals("AI_PROCESSING_COMPLETE")).count());
        assertEquals(1, registry.get(CallLoggerMetrics.STAGE_LATENCY).tag("stage", "ai_processing").timer().count());
    }

    @Test
    void withLoggingDisabledNoFileIsWrittenButStageLatencyIsStillRecorded() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Path logs = dir.resolve("logs");
        String id = UUID.randomUUID().toString();
        try (CallLoggerManager manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(logs)
                .enabled(false).meterRegistry(registry).build())) {
            CallLogger logger = manager.getLogger(id);
            logger.logGreeting("hello");
            logger.startSynthesis(Party.VISITOR, 1, "hello", "freetts").complete(100, 10.0, true);
            logger.logCallEnded("done");
            assertFalse(logger.isOpen());
            assertEquals(0, manager.stats().eventsWritten());
            assertEquals(0, manager.stats().eventsDropped());
            assertEquals(1, registry.get(CallLoggerMetrics.STAGE_LATENCY).tag("stage", "synthesis").timer().count());
        }
        assertFalse(Files.exists(logs));
    }

    private static List<String> requiredFields(EventType type) {
        return type.fields().stream().filter(f -> !f.optional()).map(EventType.Field::name).toList();
    }

    private static List<String> fieldNames(JsonNode line) {
        List<String> names = new ArrayList<>();
        line.get("data").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
