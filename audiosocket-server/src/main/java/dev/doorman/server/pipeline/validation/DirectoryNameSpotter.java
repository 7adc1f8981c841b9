package dev.doorman.server.pipeline.validation;

import dev.doorman.server.pipeline.intent.NameSpotter;

import java.util.List;
import java.util.Optional;

/**
 * Spots a resident of the building in free speech ("john smith please", "is mary home"): every run of
 * one to three words is scored against every resident with {@link NameSimilarity}; the best run at or
 * above the threshold wins, longer runs on a tie. Words shorter than three letters never match alone.
 */
public final class DirectoryNameSpotter implements NameSpotter {
    private static final int MAX_WORDS = 3;

    private final List<String> residents;
    private final NameSimilarity similarity;
    private final double threshold;

    public DirectoryNameSpotter(BuildingDirectory directory, NameSimilarity similarity, double threshold) {
        this.residents = directory.residentNames();
        this.similarity = similarity;
        this.threshold = threshold;
    }

    @Override
    public Optional<String> spot(List<String> words) {
        String best = null;
        double bestScore = threshold;
        for (int n = MAX_WORDS; n >= 1; n--) {
            for (int i = 0; i + n <= words.size(); i++) {
                List<String> run = words.subList(i, i + n);
                if (run.contains("") || (n == 1 && run.get(0).length() < 3)) {
                    continue;
                }
                String heard = String.join(" ", run);
                for (String resident : residents) {
                    double score = similarity.score(heard, resident);
                    if (score > bestScore) {
                        best = heard;
                        bestScore = score;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
