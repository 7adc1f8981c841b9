package dev.doorman.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application log's environment variables, read by {@code logback.xml} before any config is
 * loaded: {@code DOORMAN_LOG_LEVEL} (level of the {@code dev.doorman} loggers, default INFO) and
 * {@code DOORMAN_LOG_FORMAT} ({@code text}, the default, or {@code json}: one JSON object per line).
 * They are not config keys; their values are checked here so that a typo stops the server with an
 * error naming the variable instead of silently changing (or, for the format, muting) the log.
 */
public final class AppLogVariables {
    public static final String LEVEL = "DOORMAN_LOG_LEVEL";
    public static final String FORMAT = "DOORMAN_LOG_FORMAT";
    public static final Set<String> NAMES = Set.of(LEVEL, FORMAT);

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final List<String> FORMATS = List.of("text", "json");

    private AppLogVariables() {
    }

    /** @throws ConfigException naming the variable when its value is not one Logback understands */
    public static void check(Map<String, String> env) {
        String level = env.get(LEVEL);
        if (level != null && !LEVELS.contains(level.toUpperCase(Locale.ROOT))) {
            throw new ConfigException(LEVEL, "must be one of " + String.join(", ", LEVELS) + ", got '" + level + "'");
        }
        String format = env.get(FORMAT);
        if (format != null && !FORMATS.contains(format)) {
            throw new ConfigException(FORMAT, "must be text or json, got '" + format + "'");
        }
    }
}
