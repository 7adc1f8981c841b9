package dev.doorman.analyzer.read;

/** Reads one call file: good lines become events, bad ones are counted in {@link DataQuality}. */
public interface CallFileReader {
    /** Never throws for bad content; an unreadable file is counted as {@link Problem#UNREADABLE_FILE}. */
    void read(CallFile file, EventSink sink, DataQuality quality);
}
