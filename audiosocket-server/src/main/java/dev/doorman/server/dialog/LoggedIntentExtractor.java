package dev.doorman.server.dialog;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;

/** Logs {@code INTENT_EXTRACTION_START/COMPLETE} around one call's extractor, with the turn and duration. */
final class LoggedIntentExtractor implements IntentExtractor {
    private final IntentExtractor delegate;
    private final CallLogger logger;

    LoggedIntentExtractor(IntentExtractor delegate, CallLogger logger) {
        this.delegate = delegate;
        this.logger = logger;
    }

    @Override
    public String provider() {
        return delegate.provider();
    }

    @Override
    public IntentResult extract(String text, DialogTurnContext ctx) {
        logger.logIntentExtractionStart(ctx.turn(), delegate.provider());
        long start = System.nanoTime();
        IntentResult result = delegate.extract(text, ctx);
        logger.logIntentExtractionComplete(ctx.turn(), result.intent(), result.entities(),
                (System.nanoTime() - start) / 1e6, delegate.provider());
        return result;
    }
}
