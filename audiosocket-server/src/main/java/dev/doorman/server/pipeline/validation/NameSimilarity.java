package dev.doorman.server.pipeline.validation;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * How alike a heard name is to a directory name, in [0, 1]. Spelling similarity (Jaro-Winkler on the
 * normalized names) is blended with sound similarity (Double Metaphone codes per word), because a
 * recognizer errs by sound: "Jon Smyth" and "Joan Smith" should still find John Smith. A heard name
 * may be only the first or the last name ("Smith"): it is then compared with that part, at a small
 * discount so a full-name match wins over a partial one; a name heard with a stray word around it
 * ("david miller mean") is compared by its best window of the directory name's length.
 */
public final class NameSimilarity {
    /** Weight of the spelling score; the rest is the sound score. */
    private static final double SPELLING_WEIGHT = 0.6;
    /** A partial (first or last name only) match is worth a little less than the full name. */
    private static final double PARTIAL_FACTOR = 0.95;
    /** A name heard with a stray word ("david miller mean") is worth a little less than a clean one. */
    private static final double EXTRA_WORDS_FACTOR = 0.97;

    private final JaroWinklerSimilarity jaroWinkler = new JaroWinklerSimilarity();
    private final DoubleMetaphone metaphone = new DoubleMetaphone();

    /** Lower case, no accents or punctuation, single spaces: "  José  O'Neil" -> "jose oneil". */
    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("['.`-]", "")
                .replaceAll("[^a-z0-9]+", " ")
                .trim();
    }

    public double score(String heard, String directoryName) {
        String input = normalize(heard);
        String candidate = normalize(directoryName);
        if (input.isEmpty() || candidate.isEmpty()) {
            return 0.0;
        }
        double best = blend(input, candidate);
        List<String> parts = List.of(candidate.split(" "));
        List<String> heardParts = List.of(input.split(" "));
        if (parts.size() > 1 && heardParts.size() < parts.size()) {
            for (String part : parts) {
                best = Math.max(best, PARTIAL_FACTOR * blend(input, part));
            }
        }
        if (heardParts.size() > parts.size()) {
            for (int i = 0; i + parts.size() <= heardParts.size(); i++) {
                String window = String.join(" ", heardParts.subList(i, i + parts.size()));
                best = Math.max(best, EXTRA_WORDS_FACTOR * blend(window, candidate));
            }
        }
        return best;
    }

    private double blend(String input, String candidate) {
        double spelling = jaroWinkler.apply(input, candidate);
        return SPELLING_WEIGHT * spelling + (1 - SPELLING_WEIGHT) * sound(input, candidate);
    }

    // Fraction of words, aligned in order, whose primary or alternate Double Metaphone codes agree.
    private double sound(String input, String candidate) {
        String[] a = input.split(" ");
        String[] b = candidate.split(" ");
        int n = Math.max(a.length, b.length);
        int equal = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (metaphone.isDoubleMetaphoneEqual(a[i], b[i], false)
                    || metaphone.isDoubleMetaphoneEqual(a[i], b[i], true)) {
                equal++;
            }
        }
        return (double) equal / n;
    }
}
