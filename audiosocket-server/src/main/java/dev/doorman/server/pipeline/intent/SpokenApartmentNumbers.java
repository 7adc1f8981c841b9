package dev.doorman.server.pipeline.intent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ways English speakers say a door number, for a recognition grammar: digit by digit with
 * "zero" or "oh" ("five oh seven"), in pairs ("twelve oh one", "six fourteen", "eighty eight") and
 * as a quantity ("three hundred and two", "three hundred two"). A grammar that holds each
 * apartment as whole phrases costs the decoder one phrase per number, like a name, instead of one
 * per digit (which made multi-word names win over numbers).
 */
public final class SpokenApartmentNumbers {
    private static final String[] DIGITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine"};
    private static final String[] TEENS = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};

    private SpokenApartmentNumbers() {
    }

    /** Spoken forms of an apartment made only of digits (others give none: letters are said as is). */
    public static List<String> forms(String apartment) {
        if (apartment == null || !apartment.matches("[0-9]{1,4}")) {
            return List.of();
        }
        Set<String> forms = new LinkedHashSet<>();
        List<String> zero = new ArrayList<>();
        List<String> oh = new ArrayList<>();
        for (char c : apartment.toCharArray()) {
            zero.add(DIGITS[c - '0']);
            oh.add(c == '0' ? "oh" : DIGITS[c - '0']);
        }
        forms.add(String.join(" ", zero));
        forms.add(String.join(" ", oh));
        int n = Integer.parseInt(apartment);
        if (apartment.length() == 2 && apartment.charAt(0) != '0') {
            forms.add(pair(n));
        } else if (apartment.length() == 3 && apartment.charAt(0) != '0') {
            int rest = n % 100;
            String hundreds = DIGITS[n / 100] + " hundred";
            forms.add(rest == 0 ? hundreds : hundreds + " and " + quantity(rest));
            if (rest != 0) {
                forms.add(hundreds + " " + quantity(rest));
                forms.add(DIGITS[n / 100] + " " + (rest < 10 ? "oh " + DIGITS[rest] : pair(rest)));
            }
        } else if (apartment.length() == 4 && apartment.charAt(0) != '0') {
            int high = n / 100;
            int rest = n % 100;
            if (rest != 0) {
                forms.add(pair(high) + " " + (rest < 10 ? "oh " + DIGITS[rest] : pair(rest)));
            }
        }
        return List.copyOf(forms);
    }

    private static String quantity(int n) {
        return n < 10 ? DIGITS[n] : pair(n);
    }

    private static String pair(int n) {
        if (n < 10) {
            return "oh " + DIGITS[n];
        }
        if (n < 20) {
            return TEENS[n - 10];
        }
        return TENS[n / 10] + (n % 10 == 0 ? "" : " " + DIGITS[n % 10]);
    }
}
