package dev.doorman.server.call;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The 20 ms playout tick of one event loop, shared by all the calls on that loop (one timer per
 * loop instead of one per call). Asterisk plays what it receives at once and unpaced, so each tick
 * gives every call exactly the frames that are due.
 *
 * <p>Ticks are scheduled one at a time against an anchored timeline ({@code anchor + k * 20 ms}),
 * so small scheduling delays do not accumulate. When a tick comes late, at most
 * {@code maxFramesPerTick} frames go out at once (default 2: one extra frame is absorbed by the
 * receiver's jitter buffer); if the loop fell further behind, the timeline is re-anchored to now:
 * the audio is delayed, never dropped and never sent as a burst. Re-anchors are counted.
 *
 * <p>All methods run on the clock's event loop.
 */
public final class PlayoutClock implements Runnable {
    public static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A call that sends audio on each tick. */
    public interface Participant {
        /**
         * @param frames       frames due for this call now (1, or more when catching up)
         * @param latenessNanos how late this tick runs against its nominal time
         */
        void onTick(int frames, long latenessNanos);
    }

    private final EventLoop loop;
    private final int maxFramesPerTick;
    private final CallMetrics metrics;
    private final List<Participant> participants = new ArrayList<>();
    private final List<Participant> pendingRemovals = new ArrayList<>();
    private boolean ticking;
    private long nextTickNanos;
    private ScheduledFuture<?> scheduled;
    private boolean stopped;

    public PlayoutClock(EventLoop loop, int maxFramesPerTick, CallMetrics metrics) {
        if (maxFramesPerTick < 1) {
            throw new IllegalArgumentException("maxFramesPerTick must be >= 1");
        }
        this.loop = loop;
        this.maxFramesPerTick = maxFramesPerTick;
        this.metrics = metrics;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    /** Starts ticking for {@code p} from the next tick. */
    public void add(Participant p) {
        assert loop.inEventLoop();
        pendingRemovals.remove(p);
        if (!participants.contains(p)) {
            participants.add(p);
        }
        if (scheduled == null && !stopped) {
            nextTickNanos = System.nanoTime() + FRAME_NANOS;
            schedule();
        }
    }

    public void remove(Participant p) {
        assert loop.inEventLoop();
        if (ticking) {
            pendingRemovals.add(p); // removed after the current tick's iteration
        } else {
            participants.remove(p);
        }
    }

    public int size() {
        return participants.size();
    }

    /** Stops ticking for good (server shutdown). */
    public void stop() {
        stopped = true;
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
    }

    @Override
    public void run() {
        scheduled = null;
        if (stopped) {
            return;
        }
        long now = System.nanoTime();
        long lateness = now - nextTickNanos;
        long due = lateness < 0 ? 1 : 1 + lateness / FRAME_NANOS;
        int frames = (int) Math.min(due, maxFramesPerTick);
        if (due > frames) {
            nextTickNanos = now + FRAME_NANOS;
            metrics.playoutResync();
        } else {
            nextTickNanos += due * FRAME_NANOS;
        }
        ticking = true;
        try {
            for (int i = 0, n = participants.size(); i < n; i++) {
                try {
                    participants.get(i).onTick(frames, Math.max(0, lateness));
                } catch (RuntimeException e) {
                    metrics.tickFailure();
                }
            }
        } finally {
            ticking = false;
            if (!pendingRemovals.isEmpty()) {
                participants.removeAll(pendingRemovals);
                pendingRemovals.clear();
            }
        }
        if (participants.isEmpty()) {
            return; // idle loops do not tick; add() restarts the clock
        }
        schedule();
    }

    private void schedule() {
        scheduled = loop.schedule(this, Math.max(0, nextTickNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
