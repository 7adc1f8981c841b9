package dev.doorman.server.resident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.server.access.DoorOpeners;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.Prompt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attempts of a visit's call to the resident, with a scripted dialer standing in for the
 * manager (the real one is exercised against Asterisk in ResidentLegInteropTest): retries, the next
 * phone of the apartment, an outage, a leg that never connects, a visitor who leaves.
 */
class ResidentCallTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path logs;
    private CallLoggerManager loggers;
    private CallLogger logger;
    private final ScriptedDialer dialer = new ScriptedDialer();
    private final Visitor visitor = new Visitor();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final String callId = UUID.randomUUID().toString();

    @BeforeEach
    void open() {
        loggers = new CallLoggerManager(CallLoggerConfig.builder().logDir(logs).build());
        logger = loggers.getLogger(callId);
    }

    @AfterEach
    void close() {
        clock.shutdownNow();
        loggers.close();
    }

    private ResidentService service(String yaml) throws Exception {
        ResidentConfig config = ResidentConfig.from(YAML.readTree(yaml));
        return new ResidentService(config, dialer, new DoorOpeners(List.of()), "127.0.0.1:9092",
                new ResidentService.Engines(null, null), '1', '2', null);
    }

    private static Visit visit(Visit.Phone... phones) {
        return new Visit("6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c", "Peter Parker", "visit", "102", List.of(phones));
    }

    private List<JsonNode> events() throws Exception {
        logger.logCallEnded("test");
        loggers.close();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(logs.resolve(callId + ".jsonl"))) {
            events.add(new ObjectMapper().readTree(line));
        }
        return events;
    }

    private static List<String> of(List<JsonNode> events, String type, String field) {
        return events.stream().filter(e -> e.path("event").asText().equals(type))
                .map(e -> e.path("data").path(field).asText()).toList();
    }

    @Test
    void eachPhoneIsTriedTheConfiguredTimesThenTheNextOne() throws Exception {
        ResidentService service = service("attempts: 2\nretryPauseSeconds: 0\n");
        ResidentCall call = service.call(visitor, visit(new Visit.Phone("Robert Brown", "1102"),
                new Visit.Phone("Linda Brown", "1112")), visitor);
        call.start();
        dialer.answer(DialOutcome.NO_ANSWER);
        dialer.answer(DialOutcome.BUSY);
        dialer.answer(DialOutcome.FAILED);
        dialer.answer(DialOutcome.NO_ANSWER);
        await().atMost(Duration.ofSeconds(10)).until(() -> visitor.outcome != null);
        assertEquals(new ResidentDecision("no_answer", "timeout"), visitor.outcome);
        assertEquals("no_answer", visitor.reason, "the last attempt's outcome");
        assertEquals(List.of("Local/1102@residents", "Local/1102@residents", "Local/1112@residents", "Local/1112@residents"),
                dialer.destinations());
        assertTrue(call.drained().toCompletableFuture().isDone());
        List<JsonNode> events = events();
        assertEquals(List.of("1", "2", "3", "4"), of(events, "CALL_MORADOR", "attempt"));
        assertEquals(List.of("Robert Brown", "Robert Brown", "Linda Brown", "Linda Brown"), of(events, "CALL_MORADOR", "resident"));
        assertEquals(List.of("no_answer", "busy", "failed", "no_answer"), of(events, "RESIDENT_NO_ANSWER", "reason"));
        assertEquals(List.of("no_answer"), of(events, "AUTHORIZATION", "decision"));
        assertEquals(1, service.residentMetrics().decisions("no_answer"), "one decision counted");
    }

    @Test
    void anOutageEndsAtOnceWithoutRetrying() throws Exception {
        ResidentCall call = service("attempts: 3\n").call(visitor, visit(new Visit.Phone("Ann", "1102")), visitor);
        call.start();
        dialer.answer(DialOutcome.UNAVAILABLE);
        await().atMost(Duration.ofSeconds(10)).until(() -> visitor.outcome != null);
        assertEquals("unavailable", visitor.reason);
        assertEquals(1, dialer.destinations().size());
        List<JsonNode> events = events();
        assertEquals(List.of("resident_unavailable"), of(events, "ERROR", "error_type"));
    }

    @Test
    void anAnsweredLegThatNeverConnectsIsCancelledAndCountsAsFailed() throws Exception {
        ResidentCall call = service("attempts: 1\nanswerTimeoutSeconds: 1\n").call(visitor,
                visit(new Visit.Phone("Ann", "1102")), visitor);
        call.start();
        dialer.answer(DialOutcome.ANSWERED);
        await().atMost(Duration.ofSeconds(10)).until(() -> visitor.outcome != null);
        assertEquals("failed", visitor.reason);
        assertEquals(1, dialer.cancelled.size(), "the leg is hung up in Asterisk");
        List<JsonNode> events = events();
        assertTrue(of(events, "ERROR", "message").get(0).contains("check resident.callback"), of(events, "ERROR", "message").toString());
    }

    @Test
    void theVisitorLeavingWhileItRingsCancelsTheCall() throws Exception {
        ResidentCall call = service("attempts: 2\n").call(visitor, visit(new Visit.Phone("Ann", "1102")), visitor);
        call.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> dialer.destinations().size() == 1);
        call.visitorLeft();
        assertEquals(1, dialer.cancelled.size());
        assertNull(visitor.outcome, "nobody to tell");
        assertTrue(call.drained().toCompletableFuture().isDone());
        dialer.answer(DialOutcome.NO_ANSWER); // Asterisk reports the cancelled attempt: ignored
        List<JsonNode> events = events();
        assertEquals(List.of("visitor_left"), of(events, "AUTHORIZATION", "decision"));
        assertEquals(List.of("hangup"), of(events, "AUTHORIZATION", "by"));
        assertEquals(List.of(), of(events, "RESIDENT_NO_ANSWER", "reason"));
    }

    @Test
    void aLegThatConnectsAfterItsAttemptWasGivenUpIsHungUp() throws Exception {
        ResidentService service = service("attempts: 1\n");
        ResidentCall call = service.call(visitor, visit(new Visit.Phone("Ann", "1102")), visitor);
        call.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> dialer.destinations().size() == 1);
        call.visitorLeft();
        var late = service.legs().claim(dialer.legIds.get(0).toString());
        assertTrue(late != null, "a given-up leg is still recognised, not mistaken for a new visitor");
        Visitor leg = new Visitor();
        late.behavior().onCallStarted(leg);
        assertTrue(leg.hungUp);
        assertNull(service.legs().claim(UUID.randomUUID().toString()), "an unknown UUID is an ordinary call");
    }

    // --- test doubles ---------------------------------------------------------------------------

    /** Dials nothing: each attempt waits for the test to say how it ended. */
    private static final class ScriptedDialer implements ResidentDialer {
        final BlockingQueue<CompletableFuture<DialResult>> pending = new LinkedBlockingQueue<>();
        final List<DialRequest> requests = new CopyOnWriteArrayList<>();
        final List<UUID> legIds = new CopyOnWriteArrayList<>();
        final List<UUID> cancelled = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<DialResult> dial(DialRequest request) {
            requests.add(request);
            legIds.add(request.legId());
            CompletableFuture<DialResult> result = new CompletableFuture<>();
            pending.add(result);
            return result;
        }

        void answer(DialOutcome outcome) throws InterruptedException {
            CompletableFuture<DialResult> next = pending.poll(10, TimeUnit.SECONDS);
            assertFalse(next == null, "no attempt was placed");
            next.complete(new DialResult(outcome, outcome.wireName()));
        }

        List<String> destinations() {
            return requests.stream().map(DialRequest::destination).toList();
        }

        @Override
        public void cancel(UUID legId) {
            cancelled.add(legId);
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    /** The visitor's call: a timer thread, and what the visitor is told. */
    private final class Visitor implements CallControl, ResidentCall.VisitorSide {
        volatile ResidentDecision outcome;
        volatile String reason;
        volatile boolean hungUp;

        @Override
        public void stillCalling(String resident) {
        }

        @Override
        public void answered(String resident) {
        }

        @Override
        public void concluded(ResidentDecision decision, String resident, String why) {
            reason = why;
            outcome = decision;
        }

        @Override
        public String callId() {
            return callId;
        }

        @Override
        public int sampleRate() {
            return 8000;
        }

        @Override
        public CallLogger logger() {
            return logger;
        }

        @Override
        public void play(Prompt prompt) {
        }

        @Override
        public void stopPlayback() {
        }

        @Override
        public boolean isPlaying() {
            return false;
        }

        @Override
        public void hangup() {
            hungUp = true;
        }

        @Override
        public void hangupAfterPlayback() {
            hungUp = true;
        }

        @Override
        public Executor workers() {
            return clock;
        }

        @Override
        public void runOnCallThread(Runnable task) {
            clock.execute(task);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
            return clock.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean isActive() {
            return !hungUp;
        }
    }
}
