package dev.doorman.server.dialog;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.calllogger.StageTimer;
import dev.doorman.server.pipeline.DialogTurnContext;
import dev.doorman.server.pipeline.IntentExtractor;
import dev.doorman.server.pipeline.IntentResult;

/** Times one call's extractor as an {@code INTENT_EXTRACTION} stage: START/COMPLETE events and the latency metric. */
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
        StageTimer.IntentExtraction stage = logger.startIntentExtraction(ctx.turn(), delegate.provider());
        IntentResult result = delegate.extract(text, ctx);
        stage.complete(result.intent(), result.entities());
        return result;
    }
}
