package dev.doorman.analyzer.cli;

import dev.doorman.analyzer.model.Dimension;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** Enum values as the CLI takes and documents them: lower case (help text and shell completion). */
final class LowerCase {
    private LowerCase() {
    }

    private static Iterator<String> of(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).iterator();
    }

    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return of(OutputFormat.values());
        }
    }

    static final class Dimensions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return of(Dimension.values());
        }
    }
}
