package dev.doorman.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-building part of the admin endpoint: what {@code GET /buildings} shows of a building
 * besides its id, port and active calls, and {@code POST /buildings/{id}/directory/reload}.
 */
public interface BuildingAdmin {
    /** Buildings without a directory to show or reload (the greeting-only server). */
    BuildingAdmin NONE = new BuildingAdmin() {
        @Override
        public Map<String, Object> describe(String building) {
            return Map.of();
        }

        @Override
        public Answer reloadDirectory(String building) {
            return Answer.conflict("building " + building + " has no directory: its dialog is off (greeting only)");
        }
    };

    /** Extra fields of the building in {@code /buildings} (name, directory, ...). */
    Map<String, Object> describe(String building);

    /** Reloads the building's directory file; the old directory stays when the new one is refused. */
    Answer reloadDirectory(String building);

    /** An HTTP status and a JSON body. */
    record Answer(int status, Map<String, Object> body) {
        public static Answer notFound(String error) {
            return error(404, error);
        }

        public static Answer conflict(String error) {
            return error(409, error);
        }

        private static Answer error(int status, String error) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "error");
            body.put("error", error);
            return new Answer(status, body);
        }
    }
}
