package dev.doorman.server.ami;

/** An AMI action that could not be carried out; {@link #unavailable()} when the manager could not be reached. */
public class AmiException extends RuntimeException {
    private final boolean unavailable;

    public AmiException(String message, boolean unavailable) {
        super(message);
        this.unavailable = unavailable;
    }

    public AmiException(String message, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    /** True when the manager was not connected or the connection dropped (not a refusal by Asterisk). */
    public boolean unavailable() {
        return unavailable;
    }
}
