package dev.doorman.analyzer.read;

import dev.doorman.events.CallId;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The call files under one or more directories (one per server, or one tree with a folder per
 * server). Walked as a stream (a million files never sit in memory at once), never following a
 * symbolic link; one call's file is found from a validated call id only, so a call id that is not
 * a UUID never reaches a path.
 *
 * <p>Each file gets a server label: with several directories, the directory as given; with one,
 * the top-level folder the file is in, or the directory itself for files directly in it.
 */
public final class LogDirectory {
    private final List<Path> roots;

    public LogDirectory(Path dir) {
        this(List.of(dir));
    }

    public LogDirectory(List<Path> roots) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no directory");
        }
        this.roots = List.copyOf(roots);
    }

    public List<Path> roots() {
        return roots;
    }

    /** The directories for messages: {@code logs}, or {@code a, b}. */
    public String describe() {
        List<String> names = new ArrayList<>();
        roots.forEach(r -> names.add(r.toString()));
        return String.join(", ", names);
    }

    /** Why a directory cannot be walked (missing, or a file), or empty when every one is a directory. */
    public Optional<String> problem() {
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                continue;
            }
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("no such directory: " + root);
            }
            return Optional.of("not a directory: " + root + " (it is "
                    + (Files.isRegularFile(root) ? "a file" : "not a folder") + "; --dir takes the folder of call files)");
        }
        return Optional.empty();
    }

    /**
     * Calls {@code onCallFile} for every call file and {@code onProblem} for every entry that is
     * not read: other files ({@link Problem#FOREIGN_FILE}), entries named like call files that are
     * not regular files ({@link Problem#NOT_REGULAR_FILE}), unreadable sub-folders. Returns the
     * number of call files.
     *
     * @throws IOException when a top-level directory itself cannot be read
     */
    public long forEach(Consumer<CallFile> onCallFile, BiConsumer<Problem, String> onProblem) throws IOException {
        long[] calls = new long[1];
        for (Path root : roots) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && looksLikeCallFile(dir.getFileName().toString())) {
                        onProblem.accept(Problem.NOT_REGULAR_FILE, relative(root, dir) + " (directory)");
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (!attrs.isRegularFile()) {
                        if (looksLikeCallFile(name)) {
                            onProblem.accept(Problem.NOT_REGULAR_FILE, relative(root, file) + " (" + kind(attrs) + ")");
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    Optional<CallFile> call = classify(file, attrs.size(), label(root, file));
                    if (call.isPresent()) {
                        calls[0]++;
                        onCallFile.accept(call.get());
                    } else {
                        onProblem.accept(Problem.FOREIGN_FILE, relative(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (file.equals(root)) {
                        throw e;
                    }
                    onProblem.accept(Problem.UNREADABLE_FILE, relative(root, file) + ": " + IoErrors.describe(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return calls[0];
    }

    /** Counts call files and their bytes without keeping them (for the progress bar). */
    public long[] countCallFiles() throws IOException {
        long[] countAndBytes = new long[2];
        forEach(file -> {
            countAndBytes[0]++;
            countAndBytes[1] += file.sizeBytes();
        }, (problem, where) -> { });
        return countAndBytes;
    }

    /**
     * The file of one call, {@code <id>.jsonl} else the legacy {@code <id>.log}, directly in a
     * directory or in its folders. A symbolic link, FIFO or folder of that name is refused, never
     * followed or opened.
     *
     * @throws IllegalArgumentException when {@code callId} is not a UUID (checked before any path is built)
     */
    public Lookup find(String callId) {
        String id = CallId.normalize(callId);
        for (CallFile.Format format : CallFile.Format.values()) {
            String name = id + format.extension();
            for (Path root : roots) {
                Optional<Path> found = Files.exists(root.resolve(name), LinkOption.NOFOLLOW_LINKS)
                        ? Optional.of(root.resolve(name)) : search(root, name);
                if (found.isEmpty()) {
                    continue;
                }
                Path path = found.get();
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    return Lookup.refused(path + ": " + IoErrors.describe(e));
                }
                if (!attrs.isRegularFile()) {
                    return Lookup.refused(path + " is a " + kind(attrs) + ", not a regular file"
                            + (attrs.isSymbolicLink() ? " (links are not followed)" : ""));
                }
                return Lookup.found(new CallFile(path, id, format, attrs.size(), label(root, path)));
            }
        }
        return Lookup.NOT_FOUND;
    }

    private static Optional<Path> search(Path root, String name) {
        Path[] hit = new Path[1];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return check(dir);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return check(file);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private FileVisitResult check(Path p) {
                    if (!p.equals(root) && p.getFileName().toString().equals(name)) {
                        hit[0] = p;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(hit[0]);
    }

    /** A call file is {@code <uuid>.jsonl} or {@code <uuid>.log}. */
    static Optional<CallFile> classify(Path entry, long size, String server) {
        String name = entry.getFileName().toString();
        for (CallFile.Format format : CallFile.Format.values()) {
            if (name.length() == 36 + format.extension().length()
                    && name.toLowerCase(Locale.ROOT).endsWith(format.extension())) {
                String id = name.substring(0, 36);
                if (CallId.isValid(id)) {
                    return Optional.of(new CallFile(entry, id.toLowerCase(Locale.ROOT), format, size, server));
                }
            }
        }
        return Optional.empty();
    }

    private String label(Path root, Path file) {
        Path rel = root.relativize(file);
        if (roots.size() > 1 || rel.getNameCount() < 2) {
            return root.toString();
        }
        return rel.getName(0).toString();
    }

    private static boolean looksLikeCallFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(CallFile.Format.JSONL.extension()) || lower.endsWith(CallFile.Format.LEGACY_LOG.extension());
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString();
    }

    private static String kind(BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "symbolic link";
        }
        if (attrs.isDirectory()) {
            return "directory";
        }
        return attrs.isOther() ? "FIFO, socket or device" : "special file";
    }

    /** The outcome of {@link #find}: the file, nothing, or a refusal that says why. */
    public record Lookup(CallFile file, String refusal) {
        static final Lookup NOT_FOUND = new Lookup(null, null);

        static Lookup found(CallFile file) {
            return new Lookup(file, null);
        }

        static Lookup refused(String why) {
            return new Lookup(null, why);
        }

        public boolean isFound() {
            return file != null;
        }
    }
}
