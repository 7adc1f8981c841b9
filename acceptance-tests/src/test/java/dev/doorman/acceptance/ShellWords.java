package dev.doorman.acceptance;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a documented shell line the way a shell would for these purposes: words, with single and
 * double quotes grouping (and removed), and the operators {@code && || | ;} as words of their own.
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if ((c == '&' || c == '|') && i + 1 < line.length() && line.charAt(i + 1) == c) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                words.add("" + c + c);
                i++;
            } else if ((c == '|' || c == ';') && !inWord) {
                words.add(String.valueOf(c));
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The simple commands of a line, split at {@code && || | ;}. */
    static List<List<String>> commands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String w : split(line)) {
            if (w.equals("&&") || w.equals("||") || w.equals("|") || w.equals(";")) {
                commands.add(current);
                current = new ArrayList<>();
            } else {
                current.add(w);
            }
        }
        commands.add(current);
        commands.removeIf(List::isEmpty);
        return commands;
    }
}
