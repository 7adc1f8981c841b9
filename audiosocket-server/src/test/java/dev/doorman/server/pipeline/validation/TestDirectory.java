package dev.doorman.server.pipeline.validation;

import java.util.List;

/** The building used by the validation and dialog tests (same people as samples/directory.json). */
public final class TestDirectory {
    private TestDirectory() {
    }

    public static BuildingDirectory building() {
        return new BuildingDirectory(List.of(
                new DirectoryEntry("101", List.of("Alice Johnson"), "1101"),
                new DirectoryEntry("102", List.of("Robert Brown", "Linda Brown"), "1102"),
                new DirectoryEntry("202", List.of("Maria Oliveira", "João Oliveira"), "1202"),
                new DirectoryEntry("302", List.of("John Smith", "Mary Smith"), "1302"),
                new DirectoryEntry("303", List.of("David Miller"), "1303"),
                new DirectoryEntry("401", List.of("Sarah Connor"), "1401")));
    }

    public static FuzzyDirectoryValidator validator() {
        return new FuzzyDirectoryValidator(building(), new NameSimilarity(), MatchThresholds.DEFAULTS);
    }
}
