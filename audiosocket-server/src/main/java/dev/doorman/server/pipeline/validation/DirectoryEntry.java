package dev.doorman.server.pipeline.validation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One apartment of the building directory: its number as written on the door, who lives there, the
 * extension that rings it, and the residents who have a phone of their own ({@code phones}: name to
 * extension; everyone else is reached on the apartment's extension).
 */
public record DirectoryEntry(String apartment, List<String> residents, String extension, Map<String, String> phones) {
    public DirectoryEntry {
        Objects.requireNonNull(apartment, "apartment");
        residents = List.copyOf(residents);
        Objects.requireNonNull(extension, "extension");
        phones = phones == null ? Map.of() : Map.copyOf(phones);
    }

    /** An apartment whose residents share its extension. */
    public DirectoryEntry(String apartment, List<String> residents, String extension) {
        this(apartment, residents, extension, Map.of());
    }

    /** The extension that rings {@code resident} (the apartment's when they have no phone of their own, or for null). */
    public String extensionOf(String resident) {
        return resident != null ? phones.getOrDefault(resident, extension) : extension;
    }
}
