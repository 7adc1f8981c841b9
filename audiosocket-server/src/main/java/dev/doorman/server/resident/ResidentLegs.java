package dev.doorman.server.resident;

import dev.doorman.calllogger.CallLogger;
import dev.doorman.events.Party;
import dev.doorman.server.call.CallBehavior;
import dev.doorman.server.call.CallControl;
import dev.doorman.server.call.LegRouter;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The resident legs this server is waiting for, by leg UUID. A leg UUID is known only to the
 * server that placed the call, so with several doorman servers behind one Asterisk each answered
 * leg is claimed by the server whose callback address it was dialled to. A leg that arrives after
 * its attempt was given up (it answered just as the visitor left, or after the answer timeout) is
 * recognised for a while and hung up at once, instead of being mistaken for a new visitor.
 */
public final class ResidentLegs implements LegRouter {
    private static final Duration REMEMBER_GIVEN_UP = Duration.ofMinutes(2);

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Map<String, GivenUp> givenUp = new ConcurrentHashMap<>();
    private final Clock clock;

    private record Expected(CallLogger logger, Supplier<CallBehavior> behavior) {
    }

    private record GivenUp(CallLogger logger, long atMillis) {
    }

    public ResidentLegs(Clock clock) {
        this.clock = clock;
    }

    /** The next connection with {@code legId} is this resident leg, logging into {@code logger}. */
    public void expect(UUID legId, CallLogger logger, Supplier<CallBehavior> behavior) {
        expected.put(legId.toString(), new Expected(logger, behavior));
    }

    /** Stop waiting for {@code legId}; if it connects later it is hung up at once. */
    public void giveUp(UUID legId) {
        Expected leg = expected.remove(legId.toString());
        if (leg != null) {
            long now = clock.millis();
            givenUp.put(legId.toString(), new GivenUp(leg.logger(), now));
            givenUp.values().removeIf(g -> now - g.atMillis() > REMEMBER_GIVEN_UP.toMillis());
        }
    }

    /** Legs still awaited (for tests and /calls). */
    public int awaited() {
        return expected.size();
    }

    @Override
    public Leg claim(String uuid) {
        Expected leg = expected.remove(uuid);
        if (leg != null) {
            return new Leg(leg.logger(), Party.RESIDENT, leg.behavior().get());
        }
        GivenUp late = givenUp.remove(uuid);
        if (late != null && clock.millis() - late.atMillis() <= REMEMBER_GIVEN_UP.toMillis()) {
            return new Leg(late.logger(), Party.RESIDENT, new HangUpAtOnce());
        }
        return null;
    }

    /** A leg nobody waits for any more: hung up without a word (its call's file may be closed already). */
    private static final class HangUpAtOnce implements CallBehavior {
        @Override
        public void onCallStarted(CallControl call) {
            call.hangup();
        }
    }
}
