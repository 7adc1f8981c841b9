package dev.doorman.calllogger.bench;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.CallLoggerConfig;
import dev.doorman.calllogger.CallLoggerManager;
import dev.doorman.calllogger.event.EventData;
import dev.doorman.events.EventType;

import java.nio.file.Path;
import java.util.UUID;

/** Our call logger with its defaults (65,536-event queue), and {@code maxOpenFiles} as given. */
final class DoormanTarget implements EventTarget {
    private final int maxOpenFiles;
    private CallLoggerManager manager;
    private CallLogger[] loggers;

    DoormanTarget(int maxOpenFiles) {
        this.maxOpenFiles = maxOpenFiles;
    }

    @Override
    public void open(Path dir, int calls) {
        manager = new CallLoggerManager(CallLoggerConfig.builder().logDir(dir).maxOpenFiles(maxOpenFiles).build());
        loggers = new CallLogger[calls];
        for (int i = 0; i < calls; i++) {
            loggers[i] = manager.getLogger(UUID.randomUUID().toString());
        }
    }

    @Override
    public void log(int call, int turn) {
        // What a typed logging method does: one EventData over the fields, enqueued.
        loggers[call].logEvent(EventType.TRANSCRIPTION_COMPLETE, EventData.of("source", "visitor", "turn", turn,
                "text", "I have a delivery for apartment 42", "duration_ms", 412.5, "provider", "vosk"));
    }

    @Override
    public int queueDepth() {
        return manager.stats().queueDepth();
    }

    @Override
    public int queueCapacity() {
        return manager.config().queueCapacity();
    }

    @Override
    public long dropped() {
        return manager.stats().eventsDropped();
    }

    @Override
    public void close() {
        manager.close();
    }
}
