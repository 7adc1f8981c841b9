package dev.doorman.server.resident;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.server.access.DoorRequest;
import dev.doorman.server.call.CallControl;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * One visit's call to the resident, from the doorman's decision to ring to the door: rings each
 * phone of the {@link Visit} up to {@code resident.attempts} times with a pause
 * ({@code CALL_MORADOR} per attempt, {@code RESIDENT_NO_ANSWER} for each that fails), connects the
 * answered leg ({@code MORADOR_CONNECTED}), takes the resident's decision ({@code AUTHORIZATION}),
 * opens the door on authorization ({@code DOOR_OPEN}), and tells the visitor through its
 * {@link VisitorSide}. A visitor who hangs up cancels the ringing or hangs up the resident's leg.
 *
 * <p>Thread-safe: events arrive from the visitor's call, the resident's leg and the manager
 * connection; each is handled under this object's lock, which is never held while waiting.
 * {@link #drained()} completes once nothing of the visit will be written any more (the leg has
 * ended, the door outcome is logged), so the visitor's {@code CALL_ENDED} can stay the last line.
 */
public final class ResidentCall {
    /** What the visitor hears about the call to the resident; called from any thread, must not block. */
    public interface VisitorSide {
        /** Still ringing ({@code resident} may be null: the apartment's phone). */
        void stillCalling(String resident);

        /** The resident picked up and is being asked. */
        void answered(String resident);

        /**
         * The outcome, to tell the visitor before saying goodbye (not called when the visitor left).
         * {@code reason} is why nobody decided: the last attempt's outcome ({@code no_answer}, {@code busy},
         * {@code failed}, {@code unavailable}); null when the resident answered.
         */
        void concluded(ResidentDecision decision, String resident, String reason);
    }

    private enum Phase { IDLE, RINGING, CONNECTED, PAUSED, DONE }

    private final ResidentService service;
    private final ResidentConfig config;
    private final CallControl visitor;
    private final CallLogger logger;
    private final Visit visit;
    private final VisitorSide side;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();

    private Phase phase = Phase.IDLE;
    private int phoneIndex;
    private int triesOnPhone;
    private int attempt;
    private UUID legId;
    private long dialNanos;
    private long connectedNanos;
    private ResidentCallBehavior leg;
    private boolean legUp;
    private String legEndReason;
    private boolean doorPending;
    private String lastFailure;
    private ScheduledFuture<?> timer;

    ResidentCall(ResidentService service, CallControl visitor, Visit visit, VisitorSide side) {
        this.service = service;
        this.config = service.config();
        this.visitor = visitor;
        this.logger = visitor.logger();
        this.visit = visit;
        this.side = side;
    }

    /** Rings the first phone. */
    public synchronized void start() {
        if (phase == Phase.IDLE) {
            ring();
        }
    }

    /** The visitor's call ended: cancel the ringing or hang up the resident; {@code AUTHORIZATION{visitor_left}} unless decided. */
    public synchronized void visitorLeft() {
        switch (phase) {
            case IDLE, PAUSED -> conclude(ResidentDecision.VISITOR_LEFT, "hangup");
            case RINGING -> {
                service.dialer().cancel(legId);
                service.legRegistry().giveUp(legId);
                conclude(ResidentDecision.VISITOR_LEFT, "hangup");
            }
            case CONNECTED -> {
                legEndReason = "visitor_left";
                leg.hangUp();
                conclude(ResidentDecision.VISITOR_LEFT, "hangup");
            }
            case DONE -> {
                // decided: the resident is hearing the closing words and hangs up by itself
            }
        }
        settle();
    }

    /** Completes once the visit has written its last event (resident leg ended, door outcome logged). */
    public CompletionStage<Void> drained() {
        return drained;
    }

    // --- attempts ---------------------------------------------------------------------------

    private void ring() {
        Visit.Phone phone = visit.phones().get(phoneIndex);
        attempt++;
        triesOnPhone++;
        int thisAttempt = attempt;
        UUID id = UUID.randomUUID();
        legId = id;
        String destination;
        try {
            destination = DialString.render(config.dial(), phone.extension(), visit.apartment());
        } catch (IllegalArgumentException e) {
            logger.logCallMorador(visit.apartment(), phone.resident(), null, thisAttempt);
            failed(thisAttempt, new DialResult(DialOutcome.FAILED, e.getMessage()));
            return;
        }
        logger.logCallMorador(visit.apartment(), phone.resident(), destination, thisAttempt);
        phase = Phase.RINGING;
        dialNanos = System.nanoTime();
        service.legRegistry().expect(id, logger, () -> service.newLeg(visit, new LegEvents(thisAttempt)));
        holdMessageLater();
        service.dialer().dial(new DialRequest(destination, id, service.callback(), config.ringTimeout(), visit.callId()))
                .thenAccept(result -> dialed(thisAttempt, result));
    }

    private synchronized void dialed(int thisAttempt, DialResult result) {
        if (thisAttempt != attempt || phase != Phase.RINGING && phase != Phase.CONNECTED) {
            return; // an attempt already given up (the visitor left, the leg never connected)
        }
        if (result.outcome() == DialOutcome.ANSWERED) {
            if (phase == Phase.RINGING) { // Asterisk says answered; the leg's connection is on its way
                cancelTimer();
                timer = visitor.schedule(() -> legNeverConnected(thisAttempt),
                        Duration.ofSeconds(config.answerTimeoutSeconds()));
            }
            return;
        }
        if (phase == Phase.RINGING) {
            failed(thisAttempt, result);
        }
    }

    private synchronized void legNeverConnected(int thisAttempt) {
        if (thisAttempt == attempt && phase == Phase.RINGING) {
            service.dialer().cancel(legId);
            failed(thisAttempt, new DialResult(DialOutcome.FAILED, "answered, but the leg did not connect to "
                    + service.callback() + " within " + config.answerTimeoutSeconds() + " s (check resident.callback)"));
        }
    }

    private void failed(int thisAttempt, DialResult result) {
        cancelTimer();
        if (legId != null) {
            service.legRegistry().giveUp(legId);
        }
        lastFailure = result.outcome().wireName();
        logger.logResidentNoAnswer(lastFailure, thisAttempt);
        service.residentMetrics().attempt(result.outcome());
        if (result.outcome() == DialOutcome.FAILED || result.outcome() == DialOutcome.UNAVAILABLE) {
            logger.logError("resident_" + result.outcome().wireName(), result.detail(), "resident",
                    java.util.Map.of("attempt", thisAttempt));
        }
        if (result.outcome() == DialOutcome.UNAVAILABLE) {
            conclude(ResidentDecision.NO_ANSWER, "timeout"); // nothing to retry: the visitor hears the apology now
            return;
        }
        if (triesOnPhone >= config.attempts()) {
            if (phoneIndex + 1 >= visit.phones().size()) {
                conclude(ResidentDecision.NO_ANSWER, "timeout");
                return;
            }
            phoneIndex++;
            triesOnPhone = 0;
        }
        phase = Phase.PAUSED;
        timer = visitor.schedule(() -> resume(thisAttempt), Duration.ofSeconds(config.retryPauseSeconds()));
    }

    private synchronized void resume(int thisAttempt) {
        if (thisAttempt == attempt && phase == Phase.PAUSED) {
            ring();
        }
    }

    // While the phone rings the visitor hears now and then that the doorman is still calling.
    private void holdMessageLater() {
        cancelTimer();
        int thisAttempt = attempt;
        timer = visitor.schedule(() -> {
            synchronized (this) {
                if (thisAttempt == attempt && phase == Phase.RINGING) {
                    side.stillCalling(currentResident());
                    holdMessageLater();
                }
            }
        }, Duration.ofSeconds(config.holdRepeatSeconds()));
    }

    // --- the resident's leg -------------------------------------------------------------------

    /** The leg's view of this visit, bound to one attempt (a leg of an older attempt is stale). */
    final class LegEvents implements ResidentCallBehavior.Events {
        private final int legAttempt;

        LegEvents(int legAttempt) {
            this.legAttempt = legAttempt;
        }

        @Override
        public boolean connected(ResidentCallBehavior connected) {
            synchronized (ResidentCall.this) {
                if (legAttempt != attempt || phase != Phase.RINGING) {
                    return false;
                }
                cancelTimer();
                phase = Phase.CONNECTED;
                leg = connected;
                legUp = true;
                connectedNanos = System.nanoTime();
                lastFailure = null;
                double ringMs = (connectedNanos - dialNanos) / 1e6;
                logger.logMoradorConnected(visit.apartment(), currentResident(), ringMs, legAttempt);
                service.residentMetrics().ring(ringMs);
                service.residentMetrics().attempt(DialOutcome.ANSWERED);
                side.answered(currentResident());
                return true;
            }
        }

        @Override
        public void decided(ResidentDecision decision) {
            synchronized (ResidentCall.this) {
                if (legAttempt == attempt && phase == Phase.CONNECTED) {
                    conclude(decision.decision(), decision.by());
                }
            }
        }

        @Override
        public void ended(String reason) {
            synchronized (ResidentCall.this) {
                if (legAttempt != attempt || !legUp) {
                    return;
                }
                legUp = false;
                logger.logResidentLegEnded(legEndReason != null ? legEndReason : reason,
                        (System.nanoTime() - connectedNanos) / 1e6);
                if (phase == Phase.CONNECTED) { // the resident hung up without deciding
                    conclude(ResidentDecision.NO_ANSWER, "hangup");
                }
                settle();
            }
        }
    }

    // --- the outcome --------------------------------------------------------------------------

    private void conclude(String decision, String by) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        cancelTimer();
        String resident = currentResident();
        logger.logAuthorization(decision, by, visit.apartment(), resident);
        service.residentMetrics().decision(decision);
        ResidentDecision outcome = new ResidentDecision(decision, by);
        if (outcome.authorized() && !service.doors().isEmpty()) {
            doorPending = true;
            service.doors().open(new DoorRequest(visit.callId(), visit.apartment(), resident, visit.visitorName(),
                    visit.intent(), decision, Instant.now()), logger).whenComplete((ok, error) -> {
                        synchronized (this) {
                            doorPending = false;
                            settle();
                        }
                    });
        }
        if (!ResidentDecision.VISITOR_LEFT.equals(decision)) {
            side.concluded(outcome, resident, lastFailure);
        }
        settle();
    }

    private void settle() {
        if (phase == Phase.DONE && !legUp && !doorPending) {
            drained.complete(null);
        }
    }

    private String currentResident() {
        return visit.phones().get(phoneIndex).resident();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
