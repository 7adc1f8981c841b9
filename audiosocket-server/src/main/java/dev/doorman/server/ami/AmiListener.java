package dev.doorman.server.ami;

/** Told about the manager's events and the connection's state, on the client's event loop thread: do not block. */
public interface AmiListener {
    default void onEvent(AmiMessage event) {
    }

    /** {@code true} once connected and logged in, {@code false} when that connection is lost. */
    default void onConnectionChanged(boolean ready) {
    }
}
