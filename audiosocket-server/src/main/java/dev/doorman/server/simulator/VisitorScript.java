package dev.doorman.server.simulator;

import dev.doorman.server.pipeline.intent.SpokenNumberParser;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a simulated visitor knows and how they answer the doorman: their name, whom they visit, the
 * apartment (optional), and the espeak-ng voice they speak with. {@link #reply} picks the answer to
 * one thing the doorman said (as transcribed), from the doorman's default English prompts.
 */
public record VisitorScript(String name, String resident, String apartment, String voice) {
    private static final SpokenNumberParser NUMBERS = SpokenNumberParser.english();

    public VisitorScript {
        Objects.requireNonNull(name, "visitor name");
        Objects.requireNonNull(resident, "resident");
        voice = voice == null || voice.isBlank() ? "en-us" : voice;
    }

    /** What the doorman's words mean for this visitor. */
    public enum Heard { CALLING_RIGHT_RESIDENT, CALLING_SOMEONE_ELSE, GAVE_UP, QUESTION }

    /**
     * @param doorman what the doorman said, as transcribed (lower case words)
     * @return how to read it
     */
    public Heard classify(String doorman) {
        String t = doorman.toLowerCase(Locale.ROOT);
        if (t.contains("calling")) {
            return mentionsMe(t) ? Heard.CALLING_RIGHT_RESIDENT : Heard.CALLING_SOMEONE_ELSE;
        }
        if (t.contains("could not help") || (t.contains("goodbye") && !t.contains("calling"))) {
            return Heard.GAVE_UP;
        }
        return Heard.QUESTION;
    }

    /** The visitor's answer to a question of the doorman (never null). */
    public String reply(String doorman) {
        String t = doorman.toLowerCase(Locale.ROOT);
        if (t.contains("yes or no") || t.contains("did you say")) {
            return mentionsMe(t) ? "Yes." : "No, " + resident + ".";
        }
        if (t.contains("which of them")) {
            return resident + ".";
        }
        if (t.contains("which apartment") && apartment != null) {
            return "Apartment " + spokenApartment() + ".";
        }
        boolean asksWhom = t.contains("visiting") || t.contains("who ");
        if (t.contains("your name") && !asksWhom) {
            return "My name is " + name + ".";
        }
        if (t.contains("could not find")) {
            return apartment == null ? resident + "." : resident + ", apartment " + spokenApartment() + ".";
        }
        if (asksWhom) {
            return t.contains("name") ? "Hi, my name is " + name + ". I'm here to see " + resident + "."
                    : resident + ".";
        }
        return "My name is " + name + ". I'm here to see " + resident
                + (apartment == null ? "." : " in apartment " + spokenApartment() + ".");
    }

    // The doorman named this visitor's resident (by a part of the name) or apartment.
    private boolean mentionsMe(String doorman) {
        String digits = NUMBERS.normalize(doorman);
        if (apartment != null && List.of(digits.split(" ")).contains(apartment)) {
            return true;
        }
        for (String part : resident.toLowerCase(Locale.ROOT).split(" ")) {
            if (part.length() > 2 && doorman.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** Digit by digit with "oh" for zero, as most people say door numbers. */
    String spokenApartment() {
        String[] words = {"oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        StringBuilder sb = new StringBuilder();
        for (char c : apartment.toCharArray()) {
            if (Character.isDigit(c)) {
                sb.append(sb.isEmpty() ? "" : " ").append(words[c - '0']);
            } else {
                sb.append(sb.isEmpty() ? "" : " ").append(c);
            }
        }
        return sb.toString();
    }
}
