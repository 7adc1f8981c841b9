package dev.doorman.calllogger;

/**
 * A snapshot of the logger's counters (the same figures the metrics publish).
 *
 * @param eventsWritten lines written to call files (CALL_SETUP, CALL_ENDED and EVENTS_DROPPED included)
 * @param eventsDropped events refused (queue full, call already ended) or lost to write errors
 * @param writeErrors   failed file opens/writes (each retry that fails counts again)
 * @param queueDepth    events waiting for the writer
 * @param openFiles     call files currently open
 * @param bytesWritten  bytes written to call files
 */
public record CallLoggerStats(long eventsWritten, long eventsDropped, long writeErrors, int queueDepth,
                              int openFiles, long bytesWritten) {
}
