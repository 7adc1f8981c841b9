package dev.doorman.server.pipeline.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The building's apartments and residents, looked up by normalized apartment number. Immutable. */
public final class BuildingDirectory {
    private final List<DirectoryEntry> entries;
    private final Map<String, DirectoryEntry> byApartment;

    public BuildingDirectory(List<DirectoryEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, DirectoryEntry> map = new LinkedHashMap<>();
        for (DirectoryEntry entry : this.entries) {
            DirectoryEntry previous = map.putIfAbsent(ApartmentNormalizer.key(entry.apartment()), entry);
            if (previous != null) {
                throw new DirectoryFormatException("apartment '" + entry.apartment()
                        + "' is listed twice in the directory");
            }
        }
        this.byApartment = Map.copyOf(map);
    }

    public List<DirectoryEntry> entries() {
        return entries;
    }

    /** The entry whose apartment equals {@code apartment} after normalization ("apt 0302" = "302"). */
    public Optional<DirectoryEntry> apartment(String apartment) {
        return Optional.ofNullable(byApartment.get(ApartmentNormalizer.key(apartment)));
    }

    /** Entries where a resident of exactly this name lives (a name may repeat across apartments). */
    public List<DirectoryEntry> apartmentsOf(String residentName) {
        List<DirectoryEntry> found = new ArrayList<>();
        for (DirectoryEntry entry : entries) {
            if (entry.residents().contains(residentName)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Every resident name in the building, once each, in directory order. */
    public List<String> residentNames() {
        return entries.stream().flatMap(e -> e.residents().stream()).distinct().toList();
    }
}
