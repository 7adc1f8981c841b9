package dev.doorman.server.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dockerignore} as Docker applies it: patterns in order, the last one that matches a
 * path (or one of its parent folders) decides, {@code !} re-includes, {@code *} stays within a folder.
 */
final class DockerIgnore {
    private record Rule(PathMatcher matcher, boolean include) {
    }

    private final List<Rule> rules = new ArrayList<>();

    DockerIgnore(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean include = pattern.startsWith("!");
            String glob = (include ? pattern.substring(1) : pattern).replaceAll("^/|/$", "");
            rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob), include));
        }
    }

    /** Whether the repository-relative path is sent to the build. */
    boolean inContext(String path) {
        boolean in = true;
        for (Rule rule : rules) {
            for (Path p = Path.of(path); p != null; p = p.getParent()) {
                if (rule.matcher().matches(p)) {
                    in = rule.include();
                    break;
                }
            }
        }
        return in;
    }
}
