package dev.doorman.server.call;

import io.netty.channel.EventLoop;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One {@link PlayoutClock} per event loop, created on first use. */
public final class PlayoutClocks {
    private final ConcurrentMap<EventLoop, PlayoutClock> clocks = new ConcurrentHashMap<>();
    private final int maxFramesPerTick;
    private final CallMetrics metrics;

    public PlayoutClocks(int maxFramesPerTick, CallMetrics metrics) {
        this.maxFramesPerTick = maxFramesPerTick;
        this.metrics = metrics;
    }

    public PlayoutClock forLoop(EventLoop loop) {
        return clocks.computeIfAbsent(loop, l -> new PlayoutClock(l, maxFramesPerTick, metrics));
    }

    /** Stops every clock on its own loop. */
    public void stopAll() {
        clocks.values().forEach(clock -> {
            if (!clock.eventLoop().isShuttingDown()) {
                clock.eventLoop().execute(clock::stop);
            }
        });
    }
}
