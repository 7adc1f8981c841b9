package dev.doorman.server.call;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.doorman.server.DoormanServer;
import dev.doorman.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every application log line written while a call's work runs carries the call's id in the MDC:
 * on its event loop (start, DTMF, end), on a worker, and back on the call thread from a worker.
 */
class CallLogContextTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = (Logger) LoggerFactory.getLogger("dev.doorman.test.call-behavior");

    /** Keeps each line's message and the call id its MDC had when it was logged. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        final List<Map.Entry<String, String>> lines = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String callId = event.getMDCPropertyMap().get(CallLogContext.KEY); // read now: MDC is per thread
            lines.add(Map.entry(event.getFormattedMessage(), callId == null ? "none" : callId));
        }
    }

    @TempDir
    Path logs;
    private final Capture capture = new Capture();
    private DoormanServer server;

    @BeforeEach
    void attach() {
        capture.setContext(LOG.getLoggerContext());
        capture.start();
        LOG.addAppender(capture);
    }

    @AfterEach
    void detach() {
        LOG.detachAppender(capture);
        if (server != null) {
            server.close();
        }
    }

    private static CallBehavior loggingBehavior() {
        return new CallBehavior() {
            @Override
            public void onCallStarted(CallControl call) {
                LOG.info("started");
                call.workers().execute(() -> LOG.info("on a worker"));
            }

            @Override
            public void onDtmf(CallControl call, int turn, char digit) {
                LOG.info("dtmf");
                call.workers().execute(() -> call.runOnCallThread(() -> LOG.info("back on the call thread")));
            }

            @Override
            public void onCallEnded(CallControl call, String reason) {
                LOG.info("ended");
            }
        };
    }

    @Test
    void linesAboutACallCarryItsIdWhereverTheWorkRuns() throws Exception {
        ServerConfig config = ServerConfig.defaults()
                .withServer(ServerConfig.Server.defaults().withBind("127.0.0.1").withPort(0))
                .withAdmin(new ServerConfig.Admin(false, "127.0.0.1", 0))
                .withLogging(ServerConfig.Logging.defaults().withDir(logs.toString()));
        server = DoormanServer.builder(config).behaviors(info -> loggingBehavior()).build().start();
        String callId;
        try (TestClient client = new TestClient(server.audioSocketPort())) {
            callId = client.id();
            client.sendUuid();
            client.send(0x03, new byte[] {'5'});
            await().atMost(WAIT).until(() -> capture.lines.size() >= 4);
        }
        await().atMost(WAIT).until(() -> capture.lines.size() >= 5);
        LOG.info("not about a call");

        Map<String, String> idByLine = capture.lines.stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (String line : List.of("started", "on a worker", "dtmf", "back on the call thread", "ended")) {
            assertEquals(callId, idByLine.get(line), line);
        }
        assertEquals("none", idByLine.get("not about a call"));
        assertNull(org.slf4j.MDC.get(CallLogContext.KEY));
    }
}
