package dev.doorman.server.call;

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

    public CallRegistry(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxCalls must be >= 1, got " + maxConnections);
        }
        this.maxConnections = maxConnections;
    }

    /** Takes a connection slot; false (nothing taken) when all are in use. */
    public boolean tryAcquireConnection() {
        while (true) {
            int n = connections.get();
            if (n >= maxConnections) {
                return false;
            }
            if (connections.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void releaseConnection() {
        connections.decrementAndGet();
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
