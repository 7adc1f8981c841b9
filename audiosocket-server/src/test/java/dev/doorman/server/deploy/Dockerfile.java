package dev.doorman.server.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's Dockerfile read the way {@code docker build} does, enough to check it without
 * a Docker engine: instructions per stage (line continuations joined, comments dropped), the
 * runtime stage's environment, and which repository file lands where in the image.
 */
final class Dockerfile {
    private final List<List<String>> stages = new ArrayList<>();

    Dockerfile(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("\\\\\\r?\\n", " ");
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            if (line.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            stages.get(stages.size() - 1).add(line.replaceAll("\\s+#.*$", ""));
        }
    }

    List<String> buildStage() {
        return stages.get(0);
    }

    /** The last stage: what the image is. */
    List<String> runtimeStage() {
        return stages.get(stages.size() - 1);
    }

    List<String> instructions(List<String> stage, String keyword) {
        return stage.stream().filter(l -> l.startsWith(keyword + " ")).map(l -> l.substring(keyword.length() + 1).strip())
                .toList();
    }

    /** ENV of the runtime stage. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String line : instructions(runtimeStage(), "ENV")) {
            Matcher m = pair.matcher(line);
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return env;
    }

    /** Repository paths the stage copies from the build context ({@code COPY src... dest}, not {@code --from}). */
    List<String> contextSources(List<String> stage) {
        List<String> sources = new ArrayList<>();
        for (String copy : instructions(stage, "COPY")) {
            if (!copy.startsWith("--from")) {
                List<String> words = Arrays.asList(copy.split("\\s+"));
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        return sources;
    }

    /** Image path -> repository path, for the runtime stage's copies from the build context. */
    Map<String, String> imageFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String copy : instructions(runtimeStage(), "COPY")) {
            if (copy.startsWith("--from")) {
                continue;
            }
            List<String> words = Arrays.asList(copy.split("\\s+"));
            String dest = words.get(words.size() - 1);
            for (String source : words.subList(0, words.size() - 1)) {
                String name = Path.of(source).getFileName().toString();
                files.put(dest.endsWith("/") ? dest + name : dest, source);
            }
        }
        return files;
    }

    /** Image paths copied from the build stage ({@code COPY --from=build a b /dir/}). */
    List<String> builtFiles() {
        List<String> files = new ArrayList<>();
        for (String copy : instructions(runtimeStage(), "COPY")) {
            if (copy.startsWith("--from")) {
                List<String> words = Arrays.asList(copy.split("\\s+"));
                String dest = words.get(words.size() - 1);
                for (String source : words.subList(1, words.size() - 1)) {
                    files.add(dest + Path.of(source).getFileName());
                }
            }
        }
        return files;
    }

    /** A JSON-array instruction (ENTRYPOINT, CMD) as its words. */
    List<String> execForm(String keyword) {
        String json = instructions(runtimeStage(), keyword).get(0);
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        while (m.find()) {
            words.add(m.group(1).replace("\\\"", "\""));
        }
        return words;
    }
}
