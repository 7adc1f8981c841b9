package dev.doorman.server.pipeline.intent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns spoken numbers into digits, the way people say apartment numbers: digit by digit
 * ("three oh two" = 302), in groups ("three twelve" = 312, "twelve oh four" = 1204) or as a quantity
 * ("three hundred and two" = 302, "thirty two" = 32). Speech recognizers such as Vosk write numbers as
 * words, so this is what makes "apartment three oh two" usable.
 *
 * <p>A run of number words is read as consecutive <em>groups</em>: a word that cannot extend the
 * current group (a unit after a unit, a tens word after a complete group, ...) starts a new group, and
 * the groups' digits are concatenated. The vocabulary is per language ({@link #english()},
 * {@link #brazilianPortuguese()}); Portuguese is best effort (see docs/dialog.md).
 */
public final class SpokenNumberParser {

    private enum Kind { DIGIT, TEEN, TENS, HUNDRED, HUNDREDS, THOUSAND, CONNECTOR }

    private record Word(Kind kind, int value) { }

    private final Map<String, Word> words;

    private SpokenNumberParser(Map<String, Word> words) {
        this.words = Map.copyOf(words);
    }

    /** English number words, including "oh" for zero and "a hundred". */
    public static SpokenNumberParser english() {
        Map<String, Word> w = new HashMap<>();
        String[] units = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int i = 0; i < units.length; i++) {
            w.put(units[i], new Word(Kind.DIGIT, i));
        }
        w.put("oh", new Word(Kind.DIGIT, 0));
        w.put("o", new Word(Kind.DIGIT, 0));
        String[] teens = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen"};
        for (int i = 0; i < teens.length; i++) {
            w.put(teens[i], new Word(Kind.TEEN, 10 + i));
        }
        String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int i = 0; i < tens.length; i++) {
            w.put(tens[i], new Word(Kind.TENS, 20 + 10 * i));
        }
        w.put("hundred", new Word(Kind.HUNDRED, 100));
        w.put("thousand", new Word(Kind.THOUSAND, 1000));
        w.put("and", new Word(Kind.CONNECTOR, 0));
        return new SpokenNumberParser(w);
    }

    /** Brazilian-Portuguese number words (accents optional: "tres" = "três"). */
    public static SpokenNumberParser brazilianPortuguese() {
        Map<String, Word> w = new HashMap<>();
        String[][] units = {{"zero"}, {"um", "uma"}, {"dois", "duas"}, {"tres"}, {"quatro"}, {"cinco"},
                {"seis", "meia"}, {"sete"}, {"oito"}, {"nove"}};
        for (int i = 0; i < units.length; i++) {
            for (String s : units[i]) {
                w.put(s, new Word(Kind.DIGIT, i));
            }
        }
        String[] teens = {"dez", "onze", "doze", "treze", "quatorze", "quinze", "dezesseis", "dezessete",
                "dezoito", "dezenove"};
        for (int i = 0; i < teens.length; i++) {
            w.put(teens[i], new Word(Kind.TEEN, 10 + i));
        }
        w.put("catorze", new Word(Kind.TEEN, 14));
        String[] tens = {"vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"};
        for (int i = 0; i < tens.length; i++) {
            w.put(tens[i], new Word(Kind.TENS, 20 + 10 * i));
        }
        String[] hundreds = {"cento", "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos",
                "setecentos", "oitocentos", "novecentos"};
        for (int i = 0; i < hundreds.length; i++) {
            w.put(hundreds[i], new Word(Kind.HUNDREDS, 100 * (i + 1)));
        }
        w.put("cem", new Word(Kind.HUNDREDS, 100));
        w.put("mil", new Word(Kind.THOUSAND, 1000));
        w.put("e", new Word(Kind.CONNECTOR, 0));
        return new SpokenNumberParser(w);
    }

    /** The parser for a language tag: "en*" or "pt*". */
    public static SpokenNumberParser forLanguage(String language) {
        String lang = language == null ? "en" : language.toLowerCase(Locale.ROOT);
        if (lang.startsWith("en")) {
            return english();
        }
        if (lang.startsWith("pt")) {
            return brazilianPortuguese();
        }
        throw new IllegalArgumentException("unsupported language '" + language + "' for spoken numbers "
                + "(supported: en, pt-BR)");
    }

    /**
     * Rewrites every run of number words in {@code text} as digits and returns the lower-case,
     * accent-free text, e.g. "Apartment three oh two, please" -> "apartment 302 please".
     */
    public String normalize(String text) {
        List<String> tokens = tokenize(text);
        List<String> out = new ArrayList<>(tokens.size());
        int i = 0;
        while (i < tokens.size()) {
            int end = runEnd(tokens, i);
            if (end > i && missingLeadingDigit(tokens, i)) {
                out.add(tokens.get(i)); // "hundred and six" with no digit before: one was lost, not 106
                i++;
                continue;
            }
            if (end > i) {
                out.add(parseRun(tokens.subList(i, end)));
                i = end;
            } else {
                out.add(tokens.get(i));
                i++;
            }
        }
        return String.join(" ", out);
    }

    // A quantity needs its leading digit: a bare "hundred" (not "a hundred") means the recognizer
    // lost or misheard it ("four hundred and six" heard as "all hundred and six").
    private boolean missingLeadingDigit(List<String> tokens, int start) {
        Word first = words.get(tokens.get(start));
        return first != null && first.kind == Kind.HUNDRED
                && (start == 0 || !(tokens.get(start - 1).equals("a") || tokens.get(start - 1).equals("one")));
    }

    /** The digits {@code text} spells if it is nothing but a number ("three oh two" -> "302"), else null. */
    public String parseNumber(String text) {
        List<String> tokens = tokenize(text);
        if (tokens.isEmpty() || runEnd(tokens, 0) != tokens.size()) {
            return null;
        }
        return parseRun(tokens);
    }

    /** Lower-case, accent-free words and digit groups; punctuation and hyphens separate words. */
    static List<String> tokenize(String text) {
        if (text == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9']+", " ")
                .trim();
        if (plain.isEmpty()) {
            return List.of();
        }
        return List.of(plain.split(" +"));
    }

    // A run is number words and digit groups; a connector only counts between two number tokens.
    private int runEnd(List<String> tokens, int start) {
        int i = start;
        int end = start;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            Word word = words.get(token);
            boolean isDigits = token.chars().allMatch(Character::isDigit);
            if (word != null && word.kind == Kind.CONNECTOR) {
                if (end == start || i + 1 >= tokens.size() || !isNumberToken(tokens.get(i + 1))) {
                    break;
                }
                i++;
                continue;
            }
            if (word == null && !isDigits) {
                break;
            }
            i++;
            end = i;
        }
        // A lone "o" is far more often a letter or article than zero.
        if (end == start + 1 && tokens.get(start).equals("o")) {
            return start;
        }
        return end;
    }

    private boolean isNumberToken(String token) {
        Word word = words.get(token);
        return (word != null && word.kind != Kind.CONNECTOR) || token.chars().allMatch(Character::isDigit);
    }

    private String parseRun(List<String> run) {
        StringBuilder digits = new StringBuilder();
        Group group = null;
        for (String token : run) {
            Word word = words.get(token);
            if (word == null) { // literal digits: a group of their own
                if (group != null) {
                    digits.append(group.value());
                }
                digits.append(token);
                group = null;
                continue;
            }
            if (word.kind == Kind.CONNECTOR) {
                continue;
            }
            if (group != null && group.accepts(word)) {
                group.add(word);
            } else {
                if (group != null) {
                    digits.append(group.value());
                }
                group = Group.start(word);
            }
        }
        if (group != null) {
            digits.append(group.value());
        }
        return digits.toString();
    }

    /** One spoken quantity being built: "three hundred and two", "thirty two", "two thousand and five". */
    private static final class Group {
        long base;             // the thousands part, already multiplied
        long rest;             // the part below a thousand
        boolean hundreds;      // rest is whole hundreds with nothing below yet
        boolean usedHundred;   // "hundred" already multiplied this group
        boolean tens;          // a tens word is present with no unit yet
        boolean closed;        // a unit or teen ended the group's lower digits
        boolean zeroFiller;    // "three hundred oh two": the "oh" is a placeholder

        long value() {
            return base + rest;
        }

        static Group start(Word word) {
            Group g = new Group();
            switch (word.kind) {
                case DIGIT, TEEN -> { g.rest = word.value; g.closed = true; }
                case TENS -> { g.rest = word.value; g.tens = true; }
                case HUNDRED -> { g.rest = 100; g.hundreds = true; g.usedHundred = true; }
                case HUNDREDS -> { g.rest = word.value; g.hundreds = true; }
                case THOUSAND -> g.base = 1000;
                default -> throw new IllegalStateException("connector cannot start a number");
            }
            return g;
        }

        // After "hundred(s)" or "thousand", lower words may follow.
        private boolean openBelow() {
            return hundreds || (base > 0 && rest == 0);
        }

        boolean accepts(Word word) {
            return switch (word.kind) {
                case DIGIT -> word.value == 0
                        ? openBelow() && !zeroFiller
                        : !closed && (tens || openBelow());
                case TEEN, TENS -> !closed && !tens && openBelow();
                case HUNDRED -> closed && rest >= 1 && rest <= 9 && !usedHundred && !zeroFiller;
                case HUNDREDS -> base > 0 && rest == 0;
                case THOUSAND -> base == 0 && rest >= 1 && rest <= 999 && !zeroFiller;
                case CONNECTOR -> true;
            };
        }

        void add(Word word) {
            switch (word.kind) {
                case DIGIT -> {
                    if (word.value == 0) {
                        zeroFiller = true;
                    } else {
                        rest += word.value;
                        closed = true;
                        tens = false;
                        hundreds = false;
                    }
                }
                case TEEN -> { rest += word.value; closed = true; hundreds = false; }
                case TENS -> { rest += word.value; tens = true; hundreds = false; }
                case HUNDRED -> { rest *= 100; hundreds = true; usedHundred = true; closed = false; }
                case HUNDREDS -> { rest = word.value; hundreds = true; }
                case THOUSAND -> { base = rest * 1000; rest = 0; closed = false; tens = false; hundreds = false; }
                case CONNECTOR -> { }
            }
        }
    }

    /** Words this parser treats as numbers (for recognition grammars, tests and docs). */
    public Set<String> vocabulary() {
        return words.keySet();
    }
}
