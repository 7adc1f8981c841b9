package dev.doorman.server.resident;

import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.ami.AmiException;
import dev.doorman.server.ami.AmiMessage;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Rings the resident with an asynchronous AMI {@code Originate} of the {@code AudioSocket}
 * application: once the phone answers, Asterisk connects the leg to our callback address with the
 * leg UUID. The leg UUID is also the originated channel's unique id ({@code ChannelId}), so the
 * leg can be cancelled while it rings ({@code Hangup} by that id). Asterisk's
 * {@code OriginateResponse} reason codes: 4 answered, 3 no answer (ring timeout), 5 busy,
 * 8 congestion, 1 hung up before answering, 0 could not be placed.
 */
public final class AmiResidentDialer implements ResidentDialer {
    /** Beyond the ring timeout, how long Asterisk may take to report the outcome. */
    private static final Duration RESPONSE_GRACE = Duration.ofSeconds(15);

    private final AmiClient ami;
    private final String callerId;

    /** @param callerId what the resident's phone shows, e.g. {@code "Doorman" <gate>} */
    public AmiResidentDialer(AmiClient ami, String callerId) {
        this.ami = ami;
        this.callerId = callerId;
    }

    @Override
    public CompletableFuture<DialResult> dial(DialRequest request) {
        AmiMessage originate;
        try {
            AmiMessage.Builder b = AmiMessage.action("Originate")
                    .add("Channel", request.destination())
                    .add("Application", "AudioSocket")
                    .add("Data", request.legId() + "," + request.callback())
                    .add("Timeout", request.ringTimeout().toMillis())
                    .add("Async", "true")
                    .add("ChannelId", request.legId())
                    .add("CallerID", callerId);
            if (request.callId() != null) {
                b.add("Variable", "DOORMAN_CALL_ID=" + request.callId());
            }
            originate = b.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new DialResult(DialOutcome.FAILED, e.getMessage()));
        }
        return ami.sendAndAwaitEvent(originate, "OriginateResponse", request.ringTimeout().plus(RESPONSE_GRACE))
                .handle((event, error) -> error == null ? outcome(event) : failure(error));
    }

    static DialResult outcome(AmiMessage event) {
        String reason = event.get("Reason", "");
        boolean success = event.get("Response", "").equalsIgnoreCase("Success");
        return switch (reason) {
            case "4" -> success ? new DialResult(DialOutcome.ANSWERED, "answered")
                    : new DialResult(DialOutcome.FAILED, "answered but the application failed to start");
            case "3" -> new DialResult(DialOutcome.NO_ANSWER, "no answer before the ring timeout");
            case "1" -> new DialResult(DialOutcome.NO_ANSWER, "hung up before answering");
            case "5" -> new DialResult(DialOutcome.BUSY, "busy");
            case "8" -> new DialResult(DialOutcome.FAILED, "congestion");
            default -> new DialResult(DialOutcome.FAILED, "Asterisk could not place the call (reason " + reason + ")");
        };
    }

    private static DialResult failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof AmiException ami && ami.unavailable()) {
            return new DialResult(DialOutcome.UNAVAILABLE, ami.getMessage());
        }
        return new DialResult(DialOutcome.FAILED, String.valueOf(cause.getMessage()));
    }

    @Override
    public void cancel(UUID legId) {
        // "No such channel" is fine: it stopped ringing, or was never placed.
        ami.send(AmiMessage.action("Hangup").add("Channel", legId).build()).exceptionally(e -> null);
    }

    @Override
    public boolean isAvailable() {
        return ami.isReady();
    }

    @Override
    public String describe() {
        return "AMI " + ami.settings().address() + " as " + ami.settings().username()
                + (ami.isReady() ? "" : " (not connected yet)");
    }
}
