package dev.doorman.server.call;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections and calls in progress, in two separately bounded stages. A connection is
 * <em>pending</em> from accept until its UUID frame arrives (Asterisk sends it at once); only then
 * does it become a call and take one of the {@code maxCalls} slots. Pending connections are bounded
 * by {@code maxPending}: when that many are waiting, the oldest one makes room for the newest,
 * since a peer that has not sent 19 bytes by then is not an Asterisk. So connections that never
 * send a UUID can neither hold call slots nor keep new connections out.
 */
public final class CallRegistry {
    /** How a UUID frame's call was received. */
    public enum Admission {
        ADMITTED, DUPLICATE, FULL
    }

    private static final AttributeKey<AtomicBoolean> PENDING = AttributeKey.valueOf("doorman.pending");

    private final int maxCalls;
    private final int maxPending;
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<Channel> pendingOrder = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, CallSession> calls = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup("audiosocket", GlobalEventExecutor.INSTANCE);

    public CallRegistry(int maxCalls, int maxPending) {
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be >= 1, got " + maxCalls);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPendingConnections must be >= 1, got " + maxPending);
        }
        this.maxCalls = maxCalls;
        this.maxPending = maxPending;
    }

    /**
     * Admits a new connection as pending (until {@link #register} or its close). When
     * {@code maxPending} connections are already waiting, the oldest of them is returned so the
     * caller closes it (the newest is always admitted); null otherwise.
     */
    public Channel admitPending(Channel channel) {
        channel.attr(PENDING).set(new AtomicBoolean(true));
        channels.add(channel);
        pendingOrder.add(channel);
        pendingCount.incrementAndGet();
        channel.closeFuture().addListener(f -> leavePending(channel));
        while (pendingCount.get() > maxPending) {
            Channel oldest = pendingOrder.poll();
            if (oldest == null || oldest == channel) {
                if (oldest != null) {
                    pendingOrder.add(oldest);
                }
                break;
            }
            if (leavePending(oldest)) {
                return oldest;
            }
        }
        return null;
    }

    /** Pending connections right now. */
    public int pendingConnections() {
        return pendingCount.get();
    }

    /** Every admitted connection still open, pending or in a call (closed ones leave by themselves). */
    public ChannelGroup channels() {
        return channels;
    }

    public int maxCalls() {
        return maxCalls;
    }

    public int maxPending() {
        return maxPending;
    }

    /**
     * The session's UUID arrived: its connection stops being pending and the call takes a slot,
     * unless a call with that id is in progress or all {@code maxCalls} slots are taken.
     */
    Admission register(CallSession session) {
        leavePending(session.channel());
        synchronized (calls) {
            if (calls.containsKey(session.callId())) {
                return Admission.DUPLICATE;
            }
            if (calls.size() >= maxCalls) {
                return Admission.FULL;
            }
            calls.put(session.callId(), session);
            return Admission.ADMITTED;
        }
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

    /** True the first time only: a connection leaves the pending stage once (UUID, eviction or close). */
    private boolean leavePending(Channel channel) {
        AtomicBoolean pending = channel.attr(PENDING).get();
        if (pending == null || !pending.compareAndSet(true, false)) {
            return false;
        }
        pendingCount.decrementAndGet();
        pendingOrder.remove(channel);
        return true;
    }
}
