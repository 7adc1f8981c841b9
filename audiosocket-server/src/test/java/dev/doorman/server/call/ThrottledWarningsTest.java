package dev.doorman.server.call;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThrottledWarningsTest {
    @Test
    void oneLinePerIntervalAndKindAndTheNextLineCountsWhatWasLeftOut() {
        Logger log = new LoggerContext().getLogger("test");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        CallMetrics metrics = new CallMetrics();
        AtomicLong now = new AtomicLong(0);
        ThrottledWarnings warnings = new ThrottledWarnings(log, metrics, 1_000, now::get);

        warnings.warn("bad", "bad peer {}", 1);
        warnings.warn("bad", "bad peer {}", 2);
        warnings.warn("bad", "bad peer {}", 3);
        warnings.warn("other", "other peer {}", 4);
        now.set(999);
        warnings.warn("bad", "bad peer {}", 5);
        now.set(1_000);
        warnings.warn("bad", "bad peer {}", 6);

        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("bad peer 1", "other peer 4", "bad peer 6 (3 similar warnings suppressed since the last one)"),
                logged);
        assertEquals(3, metrics.warningsSuppressed());
    }
}
