package dev.doorman.server.access;

import java.time.Instant;

/**
 * An authorized visit: what the gate's access control is told (the webhook's JSON body).
 *
 * @param callId      the visitor's call id
 * @param apartment   the apartment visited
 * @param resident    who authorized (null when the apartment's shared phone answered)
 * @param visitorName as the visitor said it
 * @param intent      visit, delivery, service
 * @param decision    {@code authorized}
 * @param ts          when the resident decided
 */
public record DoorRequest(String callId, String apartment, String resident, String visitorName, String intent,
                          String decision, Instant ts) {
}
