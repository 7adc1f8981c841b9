package dev.doorman.server.call;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections and calls in progress. Connections are counted from accept (before the UUID
 * arrives), so {@code maxCalls} also bounds half-open connections.
 */
public final class CallRegistry {
    private final int maxConnections;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, CallSession> calls = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup("audiosocket", GlobalEventExecutor.INSTANCE);

    public CallRegistry(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxCalls must be >= 1, got " + maxConnections);
        }
        this.maxConnections = maxConnections;
    }

    /**
     * Takes a connection slot for {@code channel}, released when it closes; false (nothing taken)
     * when all slots are in use.
     */
    public boolean tryAdmit(Channel channel) {
        while (true) {
            int n = connections.get();
            if (n >= maxConnections) {
                return false;
            }
            if (connections.compareAndSet(n, n + 1)) {
                channel.closeFuture().addListener(f -> connections.decrementAndGet());
                channels.add(channel);
                return true;
            }
        }
    }

    /** The admitted connections still open (closed ones leave the group by themselves). */
    public ChannelGroup channels() {
        return channels;
    }

    public int connections() {
        return connections.get();
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** False when a call with the same id is already in progress. */
    boolean register(CallSession session) {
        return calls.putIfAbsent(session.callId(), session) == null;
    }

    void unregister(CallSession session) {
        calls.remove(session.callId(), session);
    }

    public Collection<CallSession> calls() {
        return List.copyOf(calls.values());
    }

    public int activeCalls() {
        return calls.size();
    }
}
