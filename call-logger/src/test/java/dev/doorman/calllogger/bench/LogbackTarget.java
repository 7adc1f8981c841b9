package dev.doorman.calllogger.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.sift.MDCBasedDiscriminator;
import ch.qos.logback.classic.sift.SiftingAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import org.slf4j.spi.MDCAdapter;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The set-up we compare against, at its best for this load: Logback's AsyncAppender (same
 * 65,536-event queue, lossless: it blocks when full) in front of a SiftingAppender keyed by the MDC
 * call id, with room for an appender per call (so none is closed and reopened), each a buffered
 * FileAppender ({@code immediateFlush=false}, 64 KiB buffer) with Logback's JsonEncoder.
 */
final class LogbackTarget implements EventTarget {
    private static final int QUEUE = 65_536;

    private LoggerContext context;
    private AsyncAppender async;
    private Logger logger;
    private MDCAdapter mdc;
    private String[] callIds;

    @Override
    public void open(Path dir, int calls) {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // a context of our own, not the global one
        context.start();
        mdc = context.getMDCAdapter();

        MDCBasedDiscriminator discriminator = new MDCBasedDiscriminator();
        discriminator.setContext(context);
        discriminator.setKey("callId");
        discriminator.setDefaultValue("unknown");
        discriminator.start();

        SiftingAppender sift = new SiftingAppender();
        sift.setContext(context);
        sift.setName("per-call");
        sift.setDiscriminator(discriminator);
        sift.setMaxAppenderCount(Math.max(calls, 1)); // one per call: no reopen churn
        sift.setAppenderFactory((ctx, callId) -> {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(ctx);
            // Close to our schema: seq, timestamp, call id (MDC), event (message), data (key/values).
            encoder.setWithSequenceNumber(true);
            encoder.setWithTimestamp(true);
            encoder.setWithNanoseconds(false);
            encoder.setWithLevel(false);
            encoder.setWithThreadName(false);
            encoder.setWithLoggerName(false);
            encoder.setWithContext(false);
            encoder.setWithMarkers(false);
            encoder.setWithArguments(false);
            encoder.setWithFormattedMessage(false);
            encoder.start();
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(ctx);
            file.setName("call-" + callId);
            file.setFile(dir.resolve(callId + ".jsonl").toString());
            file.setAppend(true);
            file.setImmediateFlush(false); // buffered: flushed when full and on stop
            file.setBufferSize(new ch.qos.logback.core.util.FileSize(64 * 1024));
            file.setEncoder(encoder);
            file.start();
            return file;
        });
        sift.start();

        async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0); // keep every event, like ours does while the queue has room
        async.setNeverBlock(false);
        async.setMaxFlushTime(600_000);
        async.addAppender(sift);
        async.start();

        logger = context.getLogger("calls");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(async);

        callIds = new String[calls];
        for (int i = 0; i < calls; i++) {
            callIds[i] = UUID.randomUUID().toString();
            mdc.put("callId", callIds[i]);
            logger.info("CALL_SETUP");
        }
        mdc.remove("callId");
    }

    @Override
    public void log(int call, int turn) {
        mdc.put("callId", callIds[call]);
        logger.atInfo()
                .addKeyValue("source", "visitor")
                .addKeyValue("turn", turn)
                .addKeyValue("text", "I have a delivery for apartment 42")
                .addKeyValue("duration_ms", 412.5)
                .addKeyValue("provider", "vosk")
                .log("TRANSCRIPTION_COMPLETE");
    }

    @Override
    public int queueDepth() {
        return async.getNumberOfElementsInQueue();
    }

    @Override
    public int queueCapacity() {
        return QUEUE;
    }

    @Override
    public long dropped() {
        return 0; // neverBlock=false and discardingThreshold=0: the AsyncAppender blocks, it never drops
    }

    @Override
    public void close() {
        async.stop(); // drains the queue into the files (maxFlushTime is generous)
        context.stop();
    }
}
