package dev.doorman.calllogger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects what one class logs through SLF4J (Logback in tests), to check what operators are told. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    /** Formatted messages logged so far that contain {@code text}. */
    List<String> messagesContaining(String text) {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(text)).toList();
        }
    }

    /** Whether any event logged so far carries a stack trace. */
    boolean anyStackTrace() {
        synchronized (appender) {
            return appender.list.stream().anyMatch(e -> e.getThrowableProxy() != null);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
