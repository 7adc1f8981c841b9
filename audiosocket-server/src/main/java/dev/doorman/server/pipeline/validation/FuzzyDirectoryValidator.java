package dev.doorman.server.pipeline.validation;

import dev.doorman.server.pipeline.DirectoryValidator;
import dev.doorman.server.pipeline.Match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Validates heard apartments (exactly, after normalization) and resident names (fuzzily, with
 * {@link NameSimilarity}) against the {@link BuildingDirectory}.
 *
 * <p>Reading a {@link Match}: {@code valid} means act on {@code match}; a non-null {@code match} that
 * is not valid and not ambiguous is a guess worth confirming; {@code ambiguous} lists the close
 * candidates in {@code alternatives} (the best first); a null {@code match} means nothing close.
 */
public final class FuzzyDirectoryValidator implements DirectoryValidator {
    public static final String APARTMENT = "apartment";
    public static final String RESIDENT_NAME = "resident_name";

    private final BuildingDirectory directory;
    private final NameSimilarity similarity;
    private final MatchThresholds thresholds;

    public FuzzyDirectoryValidator(BuildingDirectory directory, NameSimilarity similarity, MatchThresholds thresholds) {
        this.directory = directory;
        this.similarity = similarity;
        this.thresholds = thresholds;
    }

    public BuildingDirectory directory() {
        return directory;
    }

    @Override
    public Match validateApartment(String apartment) {
        Optional<DirectoryEntry> entry = directory.apartment(apartment);
        return entry.map(e -> new Match(APARTMENT, apartment, e.apartment(), 1.0, true, false, List.of()))
                .orElseGet(() -> new Match(APARTMENT, apartment, null, 0.0, false, false, List.of()));
    }

    @Override
    public Match validateResident(String name, String apartmentOrNull) {
        List<String> candidates = apartmentOrNull == null
                ? directory.residentNames()
                : directory.apartment(apartmentOrNull).map(DirectoryEntry::residents)
                        .orElseGet(directory::residentNames);
        List<Scored> scored = new ArrayList<>(candidates.size());
        for (String candidate : candidates) {
            scored.add(new Scored(candidate, similarity.score(name, candidate)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        if (scored.isEmpty() || scored.get(0).score < thresholds.confirm()) {
            double best = scored.isEmpty() ? 0.0 : scored.get(0).score;
            return new Match(RESIDENT_NAME, name, null, best, false, false, List.of());
        }
        Scored best = scored.get(0);
        List<String> close = new ArrayList<>();
        for (Scored s : scored.subList(1, scored.size())) {
            if (best.score - s.score <= thresholds.ambiguityMargin() && s.score >= thresholds.confirm()) {
                close.add(s.name);
            }
        }
        if (!close.isEmpty()) {
            List<String> alternatives = new ArrayList<>();
            alternatives.add(best.name);
            alternatives.addAll(close);
            return new Match(RESIDENT_NAME, name, best.name, best.score, false, true, alternatives);
        }
        return new Match(RESIDENT_NAME, name, best.name, best.score, best.score >= thresholds.valid(), false, List.of());
    }

    private record Scored(String name, double score) { }
}
