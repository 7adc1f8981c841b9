package dev.doorman.server.pipeline.validation;

import java.util.List;
import java.util.Objects;

/**
 * One apartment of the building directory: its number as written on the door, who lives there, and
 * the extension that rings it.
 */
public record DirectoryEntry(String apartment, List<String> residents, String extension) {
    public DirectoryEntry {
        Objects.requireNonNull(apartment, "apartment");
        residents = List.copyOf(residents);
        Objects.requireNonNull(extension, "extension");
    }
}
