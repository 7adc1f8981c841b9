package dev.doorman.server.config;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns a Jackson binding error's path into the dotted config key users write ({@code stt.http.timeoutMs}). */
public final class ConfigKeyPath {
    private ConfigKeyPath() {
    }

    public static String of(String section, JsonMappingException e) {
        StringBuilder key = new StringBuilder(section);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                key.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }
}
