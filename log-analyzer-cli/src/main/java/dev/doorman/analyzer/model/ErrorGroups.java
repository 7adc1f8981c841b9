package dev.doorman.analyzer.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Errors grouped by type and message pattern (numbers, UUIDs and quoted values replaced, so
 * "timeout after 3001 ms" and "timeout after 2950 ms" are one group), with counts, first and
 * last seen and a few example call ids. Bounded: past {@link #MAX_GROUPS} new patterns fall into
 * one overflow group. Mergeable.
 */
public final class ErrorGroups {
    public static final int MAX_GROUPS = 500;
    public static final int EXAMPLES = 3;
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final String OVERFLOW = "(other patterns)";

    private final Map<String, Group> groups = new LinkedHashMap<>();

    /** The group key of a message: what stays when the varying parts are masked. */
    public static String pattern(String message) {
        String masked = UUID.matcher(message).replaceAll("<id>");
        masked = QUOTED.matcher(masked).replaceAll("'…'");
        masked = NUMBER.matcher(masked).replaceAll("#");
        return masked.length() > 160 ? masked.substring(0, 160) + "…" : masked;
    }

    public void add(String callId, ErrorOccurrence error) {
        String pattern = pattern(error.message());
        Instant at = CallAnalysis.parseInstant(error.ts());
        Group group = group(error.errorType(), pattern, error.stage());
        group.count++;
        group.seen(at);
        if (group.exampleCallIds.size() < EXAMPLES && !group.exampleCallIds.contains(callId)) {
            group.exampleCallIds.add(callId);
        }
    }

    public void merge(ErrorGroups other) {
        for (Group theirs : other.groups.values()) {
            Group mine = group(theirs.errorType, theirs.pattern, theirs.stage);
            mine.count += theirs.count;
            mine.seen(theirs.firstSeen);
            mine.seen(theirs.lastSeen);
            for (String id : theirs.exampleCallIds) {
                if (mine.exampleCallIds.size() < EXAMPLES && !mine.exampleCallIds.contains(id)) {
                    mine.exampleCallIds.add(id);
                }
            }
        }
    }

    /** Groups by descending count. */
    public List<Group> groups() {
        List<Group> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparingLong((Group g) -> g.count).reversed()
                .thenComparing(g -> g.errorType).thenComparing(g -> g.pattern));
        return list;
    }

    public long total() {
        long total = 0;
        for (Group group : groups.values()) {
            total += group.count;
        }
        return total;
    }

    private Group group(String type, String pattern, String stage) {
        String key = type + '\u0000' + pattern;
        Group group = groups.get(key);
        if (group == null) {
            if (groups.size() >= MAX_GROUPS) {
                return groups.computeIfAbsent("\u0000overflow", k -> new Group("various", OVERFLOW, null));
            }
            group = new Group(type, pattern, stage);
            groups.put(key, group);
        }
        return group;
    }

    /** One group of errors. */
    public static final class Group {
        private final String errorType;
        private final String pattern;
        private final String stage;
        private final List<String> exampleCallIds = new ArrayList<>(EXAMPLES);
        private long count;
        private Instant firstSeen;
        private Instant lastSeen;

        Group(String errorType, String pattern, String stage) {
            this.errorType = errorType;
            this.pattern = pattern;
            this.stage = stage;
        }

        void seen(Instant at) {
            if (at == null) {
                return;
            }
            if (firstSeen == null || at.isBefore(firstSeen)) {
                firstSeen = at;
            }
            if (lastSeen == null || at.isAfter(lastSeen)) {
                lastSeen = at;
            }
        }

        public String errorType() {
            return errorType;
        }

        public String pattern() {
            return pattern;
        }

        public String stage() {
            return stage;
        }

        public long count() {
            return count;
        }

        public Instant firstSeen() {
            return firstSeen;
        }

        public Instant lastSeen() {
            return lastSeen;
        }

        public List<String> exampleCallIds() {
            return List.copyOf(exampleCallIds);
        }
    }
}
