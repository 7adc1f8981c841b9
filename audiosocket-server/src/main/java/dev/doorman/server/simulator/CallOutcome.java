package dev.doorman.server.simulator;

/** How a simulated call ended. */
public enum CallOutcome {
    /** The simulator played its whole script and closed the socket, as a caller hanging up does. */
    CALLER_HANGUP,
    /** The server sent a hangup frame (0x00). */
    SERVER_HANGUP,
    /** The server closed (or reset) the connection without a hangup frame. */
    SERVER_CLOSED,
    /** The server sent an error frame (0xFF). */
    SERVER_ERROR,
    /**
     * The server sent something Asterisk would drop the call for (a zero-length audio frame, an
     * unknown kind, a malformed frame).
     */
    PROTOCOL_ERROR,
    /** The call was still up after the maximum call duration; the simulator closed it. */
    TIMED_OUT,
    /** The TCP connection could not be made. */
    CONNECT_FAILED;

    /** True when the server ended the call (hangup frame or close). */
    public boolean endedByServer() {
        return this == SERVER_HANGUP || this == SERVER_CLOSED;
    }

    /** True for outcomes that mean something went wrong rather than a call that simply ended. */
    public boolean isFailure() {
        return this == SERVER_ERROR || this == PROTOCOL_ERROR || this == TIMED_OUT || this == CONNECT_FAILED;
    }
}
