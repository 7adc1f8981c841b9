package dev.doorman.analyzer.read;

/** The kinds of bad input the analyzer survives; each is counted in the report's data_quality. */
public enum Problem {
    MALFORMED_LINE("malformed_lines", "line is not a JSON event"),
    TRUNCATED_LAST_LINE("truncated_last_lines", "last line cut off (writer crashed mid-line?)"),
    INVALID_UTF8("invalid_utf8_lines", "line is not valid UTF-8"),
    HUGE_LINE("huge_lines", "line longer than the limit, skipped"),
    EMPTY_FILE("empty_files", "file is empty"),
    UNREADABLE_FILE("unreadable_files", "file could not be read"),
    FOREIGN_FILE("foreign_files", "not a call file (<uuid>.jsonl or <uuid>.log), ignored"),
    NOT_REGULAR_FILE("not_regular_files", "named *.jsonl/*.log but a directory, FIFO, device or symbolic link: not read"),
    UNKNOWN_EVENT_TYPE("unknown_event_types", "event type unknown to this analyzer, kept in the timeline"),
    CALL_ID_MISMATCH("call_id_mismatches", "call_id differs from the file name"),
    SEQUENCE_GAP("sequence_gaps", "seq jumps: events were lost");

    private final String key;
    private final String description;

    Problem(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The key used in the JSON report. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
