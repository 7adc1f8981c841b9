package dev.doorman.server.access;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.server.ami.AmiClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every configured way to open the door, run together on an authorization; each outcome is logged
 * in the visit's file as {@code DOOR_OPEN{method,status,attempts}} ({@code status} ok or failed).
 */
public final class DoorOpeners {
    private static final Logger LOG = LoggerFactory.getLogger(DoorOpeners.class);
    private final List<DoorOpener> openers;

    public DoorOpeners(List<DoorOpener> openers) {
        this.openers = List.copyOf(openers);
    }

    /**
     * The openers {@code access} configures.
     *
     * @param ami the manager connection for DTMF, null when the resident leg (and so the AMI) is disabled
     * @throws IllegalArgumentException naming {@code access.dtmf} when DTMF is set without an AMI connection
     */
    public static DoorOpeners from(AccessConfig config, AmiClient ami) {
        List<DoorOpener> openers = new ArrayList<>();
        if (config.webhook().url() != null) {
            openers.add(WebhookDoorOpener.of(config.webhook()));
        }
        if (!config.dtmf().isEmpty()) {
            if (ami == null) {
                throw new IllegalArgumentException("access.dtmf needs the AMI connection of resident.ami "
                        + "(resident.enabled: true)");
            }
            openers.add(new DtmfDoorOpener(ami, config.dtmf()));
        }
        return new DoorOpeners(openers);
    }

    public boolean isEmpty() {
        return openers.isEmpty();
    }

    /** e.g. {@code webhook, dtmf}; {@code none}. */
    public String describe() {
        return openers.isEmpty() ? "none" : String.join(", ", openers.stream().map(DoorOpener::method).toList());
    }

    /** Opens with every method; completes once each outcome is logged. */
    public CompletableFuture<Void> open(DoorRequest request, CallLogger logger) {
        CompletableFuture<?>[] all = openers.stream()
                .map(o -> o.open(request).thenAccept(r -> {
                    logger.logDoorOpen(o.method(), r.ok() ? "ok" : "failed", r.attempts());
                    if (!r.ok()) {
                        LOG.warn("call {}: door not opened by {} after {} attempt(s): {}", request.callId(), o.method(),
                                r.attempts(), r.detail());
                        logger.logError("door_open_failed", r.detail(), "access",
                                Map.of("method", o.method(), "attempts", r.attempts()));
                    }
                }))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }
}
