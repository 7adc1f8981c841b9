package dev.doorman.analyzer.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code --since}/{@code --until}: an ISO instant ({@code 2026-11-20T14:00:00Z}), a date-time
 * with offset, a zone-less date-time or date (read as UTC), or a relative age ({@code 90s},
 * {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}) counted back from now.
 */
public final class TimeArgument {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+)\\s*([smhdw])");

    private final Clock clock;

    public TimeArgument(Clock clock) {
        this.clock = clock;
    }

    public Instant parse(String text) {
        String t = text.strip();
        Matcher m = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration age = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return clock.instant().minus(age);
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: use ISO (2026-11-20T14:00:00Z, "
                    + "2026-11-20) or an age (30m, 24h, 7d)");
        }
    }
}
