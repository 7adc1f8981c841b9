package dev.doorman.server.pipeline.tts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a reply into sentences, the pieces speech is synthesized, cached and played in: the first
 * sentence can play while the next is made, and a sentence that recurs in other replies ("Please
 * wait.") is synthesized once. A sentence ends at {@code .}, {@code !} or {@code ?} followed by
 * white space, except after a title ("Mr.", "Dr.", ...) or an initial ("J."); FreeTTS makes the same
 * samples from the pieces as from the whole text.
 */
final class SentenceSplitter {
    private static final Set<String> NOT_AN_END = Set.of("mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "apt",
            "sra", "dra");

    private SentenceSplitter() {
    }

    /** The sentences of {@code text}, stripped, none empty; the whole text when it has one. */
    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))
                    && !(c == '.' && abbreviationBefore(text, i))) {
                add(sentences, text.substring(start, i + 1));
                start = i + 1;
            }
        }
        add(sentences, text.substring(start));
        return sentences;
    }

    private static boolean abbreviationBefore(String text, int dot) {
        int from = dot;
        while (from > 0 && Character.isLetter(text.charAt(from - 1))) {
            from--;
        }
        String word = text.substring(from, dot);
        return word.length() == 1 && Character.isUpperCase(word.charAt(0))
                || NOT_AN_END.contains(word.toLowerCase(Locale.ROOT));
    }

    private static void add(List<String> sentences, String piece) {
        String s = piece.strip();
        if (!s.isEmpty()) {
            sentences.add(s);
        }
    }
}
