package dev.doorman.server.call;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.events.Party;

/**
 * Recognises the AudioSocket connections of call legs the server placed itself (the resident's
 * phone, originated through Asterisk with a leg UUID of ours): such a connection is not a new call
 * but a second party of an existing one, logging into that call's file.
 */
@FunctionalInterface
public interface LegRouter {
    /** No legs are ever expected: every connection is a new incoming call. */
    LegRouter NONE = uuid -> null;

    /**
     * The leg waiting for this UUID, handed over once (a second connection with the same UUID is
     * an ordinary call, refused as a duplicate or unknown), or null for an incoming call. Called on
     * the connection's event loop; must not block.
     */
    Leg claim(String uuid);

    /** Told the AudioSocket port once the server listens: where legs come back to unless configured otherwise. */
    default void listening(int port) {
    }

    /**
     * A leg's place in its call.
     *
     * @param logger   the call's log (the visitor's file); the leg writes no CALL_SETUP/CALL_ENDED of its own
     * @param party    who is on the leg; written as {@code source}/{@code target} of its events
     * @param behavior what the leg does
     * @param building the building of the call the leg belongs to, or null when the router does not know it
     */
    record Leg(CallLogger logger, Party party, CallBehavior behavior, String building) {
        public Leg(CallLogger logger, Party party, CallBehavior behavior) {
            this(logger, party, behavior, null);
        }

        public Leg inBuilding(String buildingId) {
            return new Leg(logger, party, behavior, buildingId);
        }
    }
}
