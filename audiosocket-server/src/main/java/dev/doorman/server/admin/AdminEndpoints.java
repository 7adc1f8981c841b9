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

    /** The buildings this server serves, for {@code GET /buildings}. */
    default List<Map<String, Object>> buildings() {
        return List.of();
    }

    /** {@code POST /buildings/{id}/directory/reload}. */
    default BuildingAdmin.Answer reloadDirectory(String building) {
        return BuildingAdmin.Answer.notFound("no building '" + building + "'");
    }
}
