package dev.doorman.server.resident;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * One attempt to ring the resident.
 *
 * @param destination the dial string, e.g. {@code PJSIP/1303}
 * @param legId       the UUID the answered leg sends us over AudioSocket (also the channel's unique id)
 * @param callback    host:port Asterisk connects the answered leg to
 * @param ringTimeout how long to ring
 * @param callId      the visitor's call id, set on the resident's channel as {@code DOORMAN_CALL_ID}
 */
public record DialRequest(String destination, UUID legId, String callback, Duration ringTimeout, String callId) {
    public DialRequest {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
    }
}
