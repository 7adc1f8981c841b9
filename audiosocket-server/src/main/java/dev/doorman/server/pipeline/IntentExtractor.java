package dev.doorman.server.pipeline;

/** Text to intent and entities: rules from config (default) or a chat-completion endpoint. */
public interface IntentExtractor extends AutoCloseable {

    /** Engine name for logs and events, e.g. "rules" or "openai". */
    String provider();

    /** @throws StageException stage "intent" on engine failures */
    IntentResult extract(String text, DialogTurnContext ctx);

    @Override
    default void close() {
    }
}
