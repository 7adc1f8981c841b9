package dev.doorman.server.resident;

import java.util.Locale;

/** How one attempt to ring the resident ended; all but {@link #ANSWERED} are logged as {@code RESIDENT_NO_ANSWER{reason}}. */
public enum DialOutcome {
    /** The resident picked up; their leg connects to the server. */
    ANSWERED,
    /** It rang until the ring timeout, or the phone hung up before answering. */
    NO_ANSWER,
    BUSY,
    /** The call could not be placed (congestion, no such extension, a leg that never connected, ...). */
    FAILED,
    /** The manager (AMI) could not be reached, or the resident leg is disabled: no call was placed. */
    UNAVAILABLE;

    /** The value written in {@code RESIDENT_NO_ANSWER.reason}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
