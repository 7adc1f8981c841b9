package dev.doorman.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a Linux process has used so far, from {@code /proc/<pid>/stat} (user + system, all its
 * threads). Differences over wall time give the average number of cores it kept busy.
 */
final class ProcessCpu {
    /** Clock ticks per second for utime/stime; 100 on every mainstream Linux (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Path stat;

    ProcessCpu(long pid) {
        this.stat = Path.of("/proc", Long.toString(pid), "stat");
    }

    /** CPU seconds used (user + system) so far. */
    double cpuSeconds() throws IOException {
        String line = Files.readString(stat);
        // The command name (field 2) is in parentheses and may contain spaces: count from its end.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds used so far by the process's threads named {@code threadName} (Linux
     * {@code /proc/<pid>/task/<tid>/schedstat}, nanosecond resolution); 0 when there is none.
     */
    double threadCpuSeconds(String threadName) throws IOException {
        return threadCpuSeconds(threadName::equals);
    }

    /** As {@link #threadCpuSeconds(String)}, for the threads whose (15-character) name matches. */
    double threadCpuSeconds(java.util.function.Predicate<String> threadName) throws IOException {
        long nanos = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(stat.resolveSibling("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (threadName.test(Files.readString(task.resolve("comm")).trim())) {
                        nanos += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[0]);
                    }
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return nanos / 1e9;
    }

    /** Resident set size in bytes. */
    long rssBytes() throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[21]) * 4096;
    }
}
