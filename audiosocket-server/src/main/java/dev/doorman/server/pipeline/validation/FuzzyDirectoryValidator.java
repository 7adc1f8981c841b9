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
        if (entry.isPresent()) {
            return new Match(APARTMENT, apartment, entry.get().apartment(), 1.0, true, false, List.of());
        }
        // Not in the building: a number one digit away is worth a question, never a silent guess.
        String heard = ApartmentNormalizer.key(apartment);
        List<String> near = new ArrayList<>();
        for (DirectoryEntry e : directory.entries()) {
            if (oneDigitApart(heard, ApartmentNormalizer.key(e.apartment()))) {
                near.add(e.apartment());
            }
        }
        if (near.size() == 1) {
            return new Match(APARTMENT, apartment, near.get(0), 0.5, false, false, List.of());
        }
        return new Match(APARTMENT, apartment, near.isEmpty() ? null : near.get(0), 0.0, false, near.size() > 1, near);
    }

    /** One digit changed, added or dropped: "57" / "507", "1201" / "1211". */
    static boolean oneDigitApart(String a, String b) {
        if (a.isEmpty() || b.isEmpty() || a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        if (a.length() == b.length()) {
            int diff = 0;
            for (int i = 0; i < a.length(); i++) {
                diff += a.charAt(i) == b.charAt(i) ? 0 : 1;
            }
            return diff == 1;
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        for (int i = 0; i < longer.length(); i++) {
            if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Match validateResident(String name, String apartmentOrNull, double confidence) {
        Match m = validateResident(name, apartmentOrNull);
        if (m.valid() && confidence < thresholds.minConfidence()) { // NaN (unknown) passes
            return new Match(m.field(), m.input(), m.match(), m.score(), false, false, List.of());
        }
        return m;
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
        // Two residents whose names sound alike (John Smith, Joan Smyth): a recognizer cannot be
        // trusted to tell them apart, so whichever was heard, ask.
        for (String other : candidates) {
            if (!other.equals(best.name) && !close.contains(other)
                    && similarity.score(other, best.name) >= thresholds.valid()
                    && similarity.score(name, other) >= thresholds.confirm()) {
                close.add(other);
            }
        }
        if (!close.isEmpty()) {
            List<String> alternatives = new ArrayList<>();
            alternatives.add(best.name);
            alternatives.addAll(close);
            return new Match(RESIDENT_NAME, name, best.name, best.score, false, true, alternatives);
        }
        // Only a first or a last name ("Rossi", "Robert"): one short word is easily misheard as
        // another resident's, so it is confirmed, never acted on directly.
        boolean partial = NameSimilarity.normalize(name).split(" ").length
                < NameSimilarity.normalize(best.name).split(" ").length;
        return new Match(RESIDENT_NAME, name, best.name, best.score, best.score >= thresholds.valid() && !partial,
                false, List.of());
    }

    private record Scored(String name, double score) { }
}
