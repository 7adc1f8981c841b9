package dev.doorman.analyzer.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The resident leg over many calls: calls that reached for a resident, attempts, answered
 * attempts, no-answer reasons, decisions (and what decided them) and door outcomes. Mergeable;
 * the maps are keyed by values from the call files and bounded to {@link #KEYS_KEPT} keys.
 */
public final class ResidentCounts {
    private static final int KEYS_KEPT = 50;

    private final Map<String, Long> noAnswerReasons = new TreeMap<>();
    private final Map<String, Long> decisions = new TreeMap<>();
    private final Map<String, Long> decidedBy = new TreeMap<>();
    private final Map<String, Long> doorStatus = new TreeMap<>();
    private long calls;
    private long attempts;
    private long connected;
    private long callsConnected;

    public void add(ResidentLeg leg) {
        if (!leg.present()) {
            return;
        }
        calls++;
        attempts += leg.attempts();
        connected += leg.connected();
        if (leg.connected() > 0) {
            callsConnected++;
        }
        leg.noAnswerReasons().forEach(r -> count(noAnswerReasons, r, 1));
        if (leg.decision() != null) {
            count(decisions, leg.decision(), 1);
            count(decidedBy, leg.decidedBy() == null ? "unknown" : leg.decidedBy(), 1);
        }
        if (leg.doorStatus() != null) {
            count(doorStatus, leg.doorStatus(), 1);
        }
    }

    public void merge(ResidentCounts o) {
        calls += o.calls;
        attempts += o.attempts;
        connected += o.connected;
        callsConnected += o.callsConnected;
        o.noAnswerReasons.forEach((k, v) -> count(noAnswerReasons, k, v));
        o.decisions.forEach((k, v) -> count(decisions, k, v));
        o.decidedBy.forEach((k, v) -> count(decidedBy, k, v));
        o.doorStatus.forEach((k, v) -> count(doorStatus, k, v));
    }

    private static void count(Map<String, Long> map, String key, long n) {
        if (map.containsKey(key) || map.size() < KEYS_KEPT) {
            map.merge(key, n, Long::sum);
        }
    }

    /** Calls with a resident leg (a CALL_MORADOR or an AUTHORIZATION). */
    public long calls() {
        return calls;
    }

    /** CALL_MORADOR events. */
    public long attempts() {
        return attempts;
    }

    /** MORADOR_CONNECTED events. */
    public long connected() {
        return connected;
    }

    /** Calls where the resident answered at least once. */
    public long callsConnected() {
        return callsConnected;
    }

    public Map<String, Long> noAnswerReasons() {
        return noAnswerReasons;
    }

    /** AUTHORIZATION.decision -> calls (the decision each call ended with). */
    public Map<String, Long> decisions() {
        return decisions;
    }

    public Map<String, Long> decidedBy() {
        return decidedBy;
    }

    public Map<String, Long> doorStatus() {
        return doorStatus;
    }

    public long decision(String name) {
        return decisions.getOrDefault(name, 0L);
    }
}
