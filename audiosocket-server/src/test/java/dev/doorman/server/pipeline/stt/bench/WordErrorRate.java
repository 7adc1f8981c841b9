package dev.doorman.server.pipeline.stt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, on normalized text.
 * Normalization is applied the same way to reference and hypothesis: lower-case; digits spelled as
 * cardinal words ("302" -> "three hundred two", "1st" -> "first"); hyphens and slashes split
 * words; other punctuation removed (apostrophes inside words kept: "don't"); "and" inside a
 * spelled number dropped so "one hundred and two" equals "102".
 */
public final class WordErrorRate {
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:st|nd|rd|th)?");
    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"};

    /** Edits and reference length of one pair; sum these over a corpus for the corpus WER. */
    public record Score(int edits, int referenceWords, List<String> reference, List<String> hypothesis) {
        public double rate() {
            return referenceWords == 0 ? (edits == 0 ? 0.0 : 1.0) : (double) edits / referenceWords;
        }
    }

    public Score score(String reference, String hypothesis) {
        List<String> ref = normalize(reference);
        List<String> hyp = normalize(hypothesis);
        return new Score(editDistance(ref, hyp), ref.size(), ref, hyp);
    }

    public double rate(String reference, String hypothesis) {
        return score(reference, hypothesis).rate();
    }

    /** The words compared: see the class comment. */
    public List<String> normalize(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[-/]", " ");
        s = s.replaceAll("(\\d),(\\d)", "$1$2"); // 1,000 -> 1000
        Matcher m = NUMBER.matcher(s);
        StringBuilder spelled = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(spelled, " " + spell(m.group()) + " ");
        }
        m.appendTail(spelled);
        s = spelled.toString().replaceAll("[^\\p{L}\\p{N}' ]", " ");
        List<String> words = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            w = w.replaceAll("^'+|'+$", "");
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return dropNumberAnd(words);
    }

    private static List<String> dropNumberAnd(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("and") && i > 0 && i + 1 < words.size()
                    && (words.get(i - 1).equals("hundred") || words.get(i - 1).equals("thousand"))
                    && isNumberWord(words.get(i + 1))) {
                continue;
            }
            out.add(words.get(i));
        }
        return out;
    }

    private static boolean isNumberWord(String w) {
        for (String o : ONES) {
            if (o.equals(w)) {
                return true;
            }
        }
        for (String t : TENS) {
            if (!t.isEmpty() && t.equals(w)) {
                return true;
            }
        }
        return false;
    }

    /** "302" -> "three hundred two"; "1st" -> "first"; very long digit strings digit by digit. */
    static String spell(String token) {
        String digits = token.replaceAll("\\D", "");
        String suffix = token.substring(digits.length());
        if (digits.length() > 9) {
            StringBuilder b = new StringBuilder();
            for (char c : digits.toCharArray()) {
                b.append(ONES[c - '0']).append(' ');
            }
            return b.toString().trim();
        }
        String words = cardinal(Long.parseLong(digits));
        return suffix.isEmpty() ? words : ordinal(words);
    }

    private static String cardinal(long n) {
        if (n < 20) {
            return ONES[(int) n];
        }
        if (n < 100) {
            return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : " " + ONES[(int) (n % 10)]);
        }
        if (n < 1000) {
            return ONES[(int) (n / 100)] + " hundred" + (n % 100 == 0 ? "" : " " + cardinal(n % 100));
        }
        if (n < 1_000_000) {
            return cardinal(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + cardinal(n % 1000));
        }
        return cardinal(n / 1_000_000) + " million" + (n % 1_000_000 == 0 ? "" : " " + cardinal(n % 1_000_000));
    }

    private static String ordinal(String cardinal) {
        int cut = cardinal.lastIndexOf(' ');
        String head = cut < 0 ? "" : cardinal.substring(0, cut + 1);
        String last = cardinal.substring(cut + 1);
        String ord = switch (last) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> last.endsWith("y") ? last.substring(0, last.length() - 1) + "ieth" : last + "th";
        };
        return head + ord;
    }

    /** Word-level Levenshtein distance. */
    static int editDistance(List<String> ref, List<String> hyp) {
        int[] prev = new int[hyp.size() + 1];
        int[] cur = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int sub = prev[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[hyp.size()];
    }
}
