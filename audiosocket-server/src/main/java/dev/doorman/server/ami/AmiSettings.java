package dev.doorman.server.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the manager is and how to talk to it.
 *
 * @param host           Asterisk's manager address
 * @param port           its port ({@code manager.conf [general] port}, 5038 by default)
 * @param username       a {@code manager.conf} user with {@code write = originate,call} (and {@code read = call})
 * @param secret         its secret
 * @param connectTimeout TCP connect limit
 * @param actionTimeout  how long an action may wait for its response
 * @param reconnectMin   first delay before reconnecting after a failure (doubles up to {@code reconnectMax})
 * @param reconnectMax   the longest delay between reconnect attempts
 * @param events         the event classes to receive ({@code Events} of the login), e.g. {@code call}; {@code off} for none
 */
public record AmiSettings(String host, int port, String username, String secret, Duration connectTimeout,
                          Duration actionTimeout, Duration reconnectMin, Duration reconnectMax, String events) {
    public AmiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        events = events == null || events.isBlank() ? "call" : events;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AMI port must be 1..65535, got " + port);
        }
    }

    /** Sensible timings for a manager on the same network. */
    public static AmiSettings of(String host, int port, String username, String secret) {
        return new AmiSettings(host, port, username, secret, Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofMillis(500), Duration.ofSeconds(30), "call");
    }

    /** The same connection receiving other event classes (e.g. {@code dtmf}). */
    public AmiSettings withEvents(String eventClasses) {
        return new AmiSettings(host, port, username, secret, connectTimeout, actionTimeout, reconnectMin, reconnectMax,
                eventClasses);
    }

    public String address() {
        return host + ":" + port;
    }
}
