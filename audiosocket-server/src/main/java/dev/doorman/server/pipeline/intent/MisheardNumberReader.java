package dev.doorman.server.pipeline.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Restores number words a recognizer misheard, where a number is being said: in a run of words
 * that holds at least one real number word, a word that sounds like a digit ({@link
 * SoundAlikeNumbers}) becomes that digit and a bare vowel between two numbers becomes "oh":
 * "apartment free all three" -> "apartment three oh three", "five or seven" -> "five oh seven".
 * A short function word ("for", "to", "a") only counts inside a run or right after an apartment
 * word, never at a run's edge ("here for three oh two" stays "here for 302"). When the sound fits
 * several digits, the reading that is an apartment of the building wins; if none or several are,
 * the word is left as heard and the dialog asks again.
 */
final class MisheardNumberReader {
    private enum Kind { NUMBER, DIGIT_LIKE, OH_LIKE, OTHER }

    private final SpokenNumberParser numbers;
    private final SoundAlikeNumbers sounds;
    private final Set<String> apartmentWords;
    private final Set<String> stopWords;
    private final Predicate<String> knownApartment;

    MisheardNumberReader(SpokenNumberParser numbers, SoundAlikeNumbers sounds, Set<String> apartmentWords,
                         Set<String> stopWords, Predicate<String> knownApartment) {
        this.numbers = numbers;
        this.sounds = sounds;
        this.apartmentWords = apartmentWords;
        this.stopWords = stopWords;
        this.knownApartment = knownApartment;
    }

    List<String> read(List<String> tokens) {
        int n = tokens.size();
        Kind[] kinds = new Kind[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = kind(tokens.get(i));
        }
        List<String> out = new ArrayList<>(tokens);
        int i = 0;
        while (i < n) {
            if (kinds[i] == Kind.OTHER) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            while (end < n && kinds[end] != Kind.OTHER) {
                end++;
            }
            rewriteRun(tokens, kinds, start, end, out);
            i = end;
        }
        return out;
    }

    private void rewriteRun(List<String> tokens, Kind[] kinds, int start, int end, List<String> out) {
        boolean afterApartmentWord = start > 0 && apartmentWords.contains(tokens.get(start - 1));
        // Trim edges that cannot be a number there: "oh"-like words and function words.
        while (start < end && kinds[start] != Kind.NUMBER
                && (kinds[start] == Kind.OH_LIKE || (stopWords.contains(tokens.get(start)) && !afterApartmentWord))) {
            start++;
            afterApartmentWord = false;
        }
        while (end > start && kinds[end - 1] != Kind.NUMBER
                && (kinds[end - 1] == Kind.OH_LIKE || stopWords.contains(tokens.get(end - 1)))) {
            end--;
        }
        boolean hasNumber = false;
        for (int i = start; i < end; i++) {
            hasNumber |= kinds[i] == Kind.NUMBER;
        }
        if (start >= end || !(hasNumber || afterApartmentWord)) {
            return;
        }
        List<List<String>> choices = new ArrayList<>();
        for (int i = start; i < end; i++) {
            String token = tokens.get(i);
            choices.add(switch (kinds[i]) {
                case NUMBER -> List.of(token);
                case OH_LIKE -> List.of("oh");
                default -> sounds.digitWords(token);
            });
        }
        List<String> reading = choose(choices);
        for (int i = start; i < end; i++) {
            String word = reading == null ? null : reading.get(i - start);
            if (word != null) {
                out.set(i, word);
            }
        }
    }

    // The one reading when the sounds decide; else the one that names a known apartment; else
    // only the unambiguous words are restored (null entries keep the word as heard).
    private List<String> choose(List<List<String>> choices) {
        List<List<String>> readings = new ArrayList<>();
        expand(choices, 0, new ArrayList<>(), readings);
        if (readings.size() == 1) {
            return readings.get(0);
        }
        List<List<String>> known = readings.stream()
                .filter(r -> {
                    String digits = numbers.parseNumber(String.join(" ", r));
                    return digits != null && knownApartment.test(digits);
                }).toList();
        if (known.size() == 1) {
            return known.get(0);
        }
        List<String> partial = new ArrayList<>();
        for (List<String> c : choices) {
            partial.add(c.size() == 1 ? c.get(0) : null);
        }
        return partial;
    }

    private static void expand(List<List<String>> choices, int at, List<String> prefix, List<List<String>> out) {
        if (out.size() >= 16) {
            return;
        }
        if (at == choices.size()) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (String c : choices.get(at)) {
            prefix.add(c);
            expand(choices, at + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    private Kind kind(String token) {
        if (numbers.parseNumber(token) != null) {
            return token.equals("and") ? Kind.OTHER : Kind.NUMBER;
        }
        if (sounds.soundsLikeOh(token)) {
            return Kind.OH_LIKE;
        }
        return sounds.digitWords(token).isEmpty() ? Kind.OTHER : Kind.DIGIT_LIKE;
    }
}
