package dev.doorman.analyzer.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was wrong with the input, counted rather than thrown: problems by kind with a few
 * {@code file:line} examples each, unknown event names, events lost to sequence gaps and
 * {@code EVENTS_DROPPED}. Bounded in size; mergeable across workers.
 */
public final class DataQuality {
    /** Examples kept per problem kind: enough to find the lines, never growing with the input. */
    public static final int EXAMPLES_PER_PROBLEM = 5;
    private static final int UNKNOWN_NAMES_KEPT = 50;

    private final Map<Problem, Long> counts = new EnumMap<>(Problem.class);
    private final Map<Problem, List<String>> examples = new EnumMap<>(Problem.class);
    private final Map<String, Long> unknownEventTypes = new TreeMap<>();
    private long filesRead;
    private long linesRead;
    private long eventsRead;
    private long eventsMissingInGaps;
    private long eventsDroppedByLogger;
    private long callsWithDataLoss;

    public void problem(Problem problem, String where) {
        counts.merge(problem, 1L, Long::sum);
        List<String> list = examples.computeIfAbsent(problem, p -> new ArrayList<>());
        if (list.size() < EXAMPLES_PER_PROBLEM) {
            list.add(where);
        }
    }

    public void unknownEventType(String name, String where) {
        problem(Problem.UNKNOWN_EVENT_TYPE, where + " (" + name + ")");
        if (unknownEventTypes.containsKey(name) || unknownEventTypes.size() < UNKNOWN_NAMES_KEPT) {
            unknownEventTypes.merge(name, 1L, Long::sum);
        }
    }

    public void sequenceGap(long missing, String where) {
        problem(Problem.SEQUENCE_GAP, where + " (" + missing + " missing)");
        eventsMissingInGaps += missing;
    }

    public void eventsDropped(long count) {
        eventsDroppedByLogger += Math.max(0, count);
    }

    public void callWithDataLoss() {
        callsWithDataLoss++;
    }

    public void fileRead() {
        filesRead++;
    }

    public void lineRead() {
        linesRead++;
    }

    public void eventRead() {
        eventsRead++;
    }

    public void merge(DataQuality other) {
        other.counts.forEach((problem, count) -> counts.merge(problem, count, Long::sum));
        other.examples.forEach((problem, list) -> {
            List<String> mine = examples.computeIfAbsent(problem, p -> new ArrayList<>());
            for (String example : list) {
                if (mine.size() < EXAMPLES_PER_PROBLEM) {
                    mine.add(example);
                }
            }
        });
        other.unknownEventTypes.forEach((name, count) -> {
            if (unknownEventTypes.containsKey(name) || unknownEventTypes.size() < UNKNOWN_NAMES_KEPT) {
                unknownEventTypes.merge(name, count, Long::sum);
            }
        });
        filesRead += other.filesRead;
        linesRead += other.linesRead;
        eventsRead += other.eventsRead;
        eventsMissingInGaps += other.eventsMissingInGaps;
        eventsDroppedByLogger += other.eventsDroppedByLogger;
        callsWithDataLoss += other.callsWithDataLoss;
    }

    public long count(Problem problem) {
        return counts.getOrDefault(problem, 0L);
    }

    public List<String> examples(Problem problem) {
        return Collections.unmodifiableList(examples.getOrDefault(problem, List.of()));
    }

    public Map<String, Long> unknownEventTypes() {
        return Collections.unmodifiableMap(unknownEventTypes);
    }

    public long filesRead() {
        return filesRead;
    }

    public long linesRead() {
        return linesRead;
    }

    public long eventsRead() {
        return eventsRead;
    }

    public long eventsMissingInGaps() {
        return eventsMissingInGaps;
    }

    public long eventsDroppedByLogger() {
        return eventsDroppedByLogger;
    }

    public long callsWithDataLoss() {
        return callsWithDataLoss;
    }

    /** True when any line or file had a problem (foreign files alone are not a problem). */
    public boolean hasProblems() {
        for (Map.Entry<Problem, Long> entry : counts.entrySet()) {
            if (entry.getKey() != Problem.FOREIGN_FILE && entry.getValue() > 0) {
                return true;
            }
        }
        return eventsDroppedByLogger > 0;
    }
}
