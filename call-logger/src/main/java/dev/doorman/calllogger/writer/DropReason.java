package dev.doorman.calllogger.writer;

/** Why an event did not end up in its call file: the {@code reason} tag of {@code calllog.events.dropped}. */
public enum DropReason {
    /** Refused on overflow; the call's file says so with {@code EVENTS_DROPPED{reason:"queue_full"}}. */
    QUEUE_FULL("queue_full"),
    /** Logged after the call's end (or after the logger closed): not part of the call any more. */
    AFTER_END("after_end"),
    /**
     * Could not be written: beyond the retry buffers' bounds, a file given up after failing too
     * long, or still unwritable when the logger closed.
     */
    WRITE_ERROR("write_error"),
    /** Written to a file that was then found deleted or replaced (lines since its last check). */
    FILE_REPLACED("file_replaced");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    /** The metric tag and the {@code reason} written in {@code EVENTS_DROPPED}. */
    public String tag() {
        return tag;
    }
}
