package dev.doorman.server.pipeline.intent;

import org.apache.commons.codec.language.DoubleMetaphone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which English number words a misheard word may stand for, by sound rather than by a list of
 * swaps. Two rules, both about what a telephone call and a recognizer blur:
 * <ol>
 *   <li><b>Same consonants.</b> A word whose Double Metaphone code equals one of a digit word's codes may be that digit ("for"/"fore" = four, "to"/"too" = two, "won" = one, "ate" =
 *   eight, "tree" = three). /θ/ and /f/ count as one sound, since the telephone band removes what
 *   tells them apart; when the consonants fit several digits (three and four are both F-R then),
 *   the one spelled with the same first vowel wins ("free" = three, "for" = four), and where that
 *   does not decide either, the directory does.</li>
 *   <li><b>A bare vowel is "oh".</b> Between two numbers, a word of at most three letters whose
 *   code is only a vowel, optionally with one liquid ("or", "all", "owe", "are", "a") is the zero
 *   people say as "oh": "five or seven" = 507.</li>
 * </ol>
 * The callers apply them only where a number is expected (after "apartment", between numbers).
 */
public final class SoundAlikeNumbers {
    private static final List<String> DIGIT_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine");
    private static final Set<String> OH_CODES = Set.of("A", "AR", "AL");

    private final DoubleMetaphone metaphone = new DoubleMetaphone();
    private final Map<String, List<String>> digitsByCode = new LinkedHashMap<>();

    public SoundAlikeNumbers() {
        for (String word : DIGIT_WORDS) {
            for (String code : codes(word)) {
                digitsByCode.computeIfAbsent(code, c -> new ArrayList<>()).add(word);
            }
        }
    }

    /** The digit words {@code word} may be a mishearing of (empty: none; several: the sound cannot tell). */
    public List<String> digitWords(String word) {
        // The heard word by its primary code only: alternates are for foreign spellings ("john" = AN).
        Set<String> found = new LinkedHashSet<>(digitsByCode.getOrDefault(code(word, false), List.of()));
        found.remove(word);
        if (found.size() > 1) { // the consonants fit several digits: the vowel decides, where it can
            List<String> sameVowel = found.stream().filter(d -> firstVowel(d) == firstVowel(word)).toList();
            if (!sameVowel.isEmpty()) {
                return sameVowel;
            }
        }
        return List.copyOf(found);
    }

    private static char firstVowel(String word) {
        for (char c : word.toCharArray()) {
            if ("aeiou".indexOf(c) >= 0) {
                return c;
            }
        }
        return ' ';
    }

    /** True for a short vowel-only word ("or", "all", "owe") that stands for "oh" between two numbers. */
    public boolean soundsLikeOh(String word) {
        return word.length() <= 3 && word.chars().allMatch(Character::isLetter)
                && OH_CODES.contains(metaphone.doubleMetaphone(word));
    }

    private Set<String> codes(String word) {
        Set<String> codes = new LinkedHashSet<>();
        for (boolean alternate : new boolean[] {false, true}) {
            String code = code(word, alternate);
            if (!code.isEmpty()) {
                codes.add(code);
            }
        }
        return codes;
    }

    private String code(String word, boolean alternate) {
        String code = metaphone.doubleMetaphone(word, alternate);
        return code == null ? "" : code.replace('0', 'F'); // Double Metaphone writes /θ/ as 0
    }
}
