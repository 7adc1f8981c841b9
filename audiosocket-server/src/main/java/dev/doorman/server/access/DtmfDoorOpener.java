package dev.doorman.server.access;

import dev.doorman.server.ami.AmiClient;
import dev.doorman.server.ami.AmiMessage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the door the way many door stations expect: DTMF digits played on the visitor's channel
 * (the door station's) through the AMI ({@code PlayDTMF}). The channel is found by the call id the
 * dialplan stored in {@code CALL_ID} before {@code AudioSocket} ({@code Status} with that variable).
 */
public final class DtmfDoorOpener implements DoorOpener {
    private static final int DIGIT_MS = 250;

    private final AmiClient ami;
    private final String digits;

    public DtmfDoorOpener(AmiClient ami, String digits) {
        this.ami = ami;
        this.digits = digits;
    }

    @Override
    public String method() {
        return "dtmf";
    }

    @Override
    public CompletableFuture<DoorResult> open(DoorRequest request) {
        return ami.sendForList(AmiMessage.action("Status").add("Variables", "CALL_ID").build())
                .thenCompose(channels -> {
                    Optional<String> channel = channelOf(channels, request.callId());
                    if (channel.isEmpty()) {
                        return CompletableFuture.completedFuture(new DoorResult(false, 1, "no channel has CALL_ID="
                                + request.callId() + " (the dialplan sets it before AudioSocket)"));
                    }
                    CompletableFuture<AmiMessage> played = CompletableFuture.completedFuture(null);
                    for (char digit : digits.toCharArray()) {
                        played = played.thenCompose(ignored -> ami.send(AmiMessage.action("PlayDTMF")
                                .add("Channel", channel.get()).add("Digit", digit).add("Duration", DIGIT_MS).build()));
                    }
                    return played.thenApply(ignored -> new DoorResult(true, 1, digits + " on " + channel.get()));
                })
                .exceptionally(e -> new DoorResult(false, 1, String.valueOf(
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
    }

    static Optional<String> channelOf(List<AmiMessage> statuses, String callId) {
        String wanted = "CALL_ID=" + callId;
        return statuses.stream()
                .filter(s -> s.all("Variable").stream().anyMatch(v -> v.equalsIgnoreCase(wanted)))
                .map(s -> s.get("Channel", null))
                .filter(c -> c != null && !c.isBlank())
                .findFirst();
    }
}
