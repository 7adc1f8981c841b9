package dev.doorman.server.config;

/**
 * Invalid configuration: names the key and the problem, e.g.
 * {@code config error: server.port: must be 0..65535, got 70000}. The CLI exits with code 2.
 */
public final class ConfigException extends RuntimeException {
    private final String key;
    private final String problem;

    public ConfigException(String key, String problem) {
        super("config error: " + key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    public ConfigException(String key, String problem, Throwable cause) {
        super("config error: " + key + ": " + problem, cause);
        this.key = key;
        this.problem = problem;
    }

    /**
     * The same error, saying where the value came from when that is not the config file, e.g.
     * {@code config error: server.port: expected an integer, got 'abc' (from environment variable DOORMAN_SERVER_PORT)}.
     */
    public ConfigException withOrigin(String origin) {
        return new ConfigException(key, problem + " (from " + origin + ")", getCause() != null ? getCause() : this);
    }

    /** The dotted key, e.g. {@code server.port}, or the file name for syntax errors. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
