package dev.doorman.server.admin;

import dev.doorman.server.call.CallSnapshot;

import java.util.List;
import java.util.Map;

/** What the admin endpoints report; implemented by the server. */
public interface AdminEndpoints {
    /** Named readiness checks (e.g. {@code audiosocket}, {@code stt}); ready when all are true. */
    Map<String, Boolean> readiness();

    /** Prometheus text exposition of all meters. */
    String scrapeMetrics();

    List<CallSnapshot> activeCalls();
}
