package dev.doorman.acceptance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands a Markdown page shows: every line of its {@code sh}/{@code bash}/{@code console}
 * blocks; in other code blocks and indented code, the lines that start with one of the project's
 * commands ({@code ./bin/doorman}, {@code bin/analyzer}, {@code mvn}, {@code java}, {@code docker});
 * in inline code, a launcher with arguments. Continuation lines are joined, comments and prompts dropped.
 */
final class MarkdownCommands {
    /** Where a command was documented, and the command. */
    record DocCommand(String where, String text, boolean fromShellBlock) {
        @Override
        public String toString() {
            return where + ": " + text;
        }
    }

    static final Set<String> SHELL_BLOCKS = Set.of("sh", "bash", "shell", "console");
    private static final Pattern PROJECT_COMMAND = Pattern.compile(
            "^(?:[A-Z_][A-Z0-9_]*=\\S*\\s+)*(?:\\./bin/|bin/|mvn |java |docker |analyzer |doorman )");
    /** In prose only a launcher with arguments is a command; `doorman simulate` or `java -cp` are names. */
    private static final Pattern INLINE_COMMAND = Pattern.compile(
            "^(?:[A-Z_][A-Z0-9_]*=\\S*\\s+)*(?:\\.?/?bin/\\S+|mvn|docker|java -jar)\\s+\\S");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");

    private MarkdownCommands() {
    }

    static List<DocCommand> of(Path repo, Path page) throws IOException {
        String name = repo.relativize(page).toString();
        List<String> lines = Files.readAllLines(page);
        List<DocCommand> commands = new ArrayList<>();
        String fence = null;      // info string of the open fenced block, or null
        StringBuilder joined = null;
        int joinedFrom = 0;
        boolean previousBlank = true;
        boolean inIndentedBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.startsWith("```")) {
                fence = fence == null ? stripped.substring(3).strip().toLowerCase() : null;
                continue;
            }
            if (fence != null) {
                boolean shell = SHELL_BLOCKS.contains(fence);
                if (joined != null) {
                    joined.append(' ').append(stripped);
                } else {
                    joined = new StringBuilder(stripped);
                    joinedFrom = i + 1;
                }
                if (stripped.endsWith("\\")) {
                    String upToBackslash = joined.substring(0, joined.length() - 1).stripTrailing();
                    joined.setLength(0);
                    joined.append(upToBackslash);
                    continue;
                }
                String command = clean(joined.toString());
                joined = null;
                if (!command.isEmpty() && (shell || PROJECT_COMMAND.matcher(command).find())) {
                    commands.add(new DocCommand(name + ":" + joinedFrom, command, shell));
                }
                continue;
            }
            // Indented code (four spaces after a blank line), outside lists.
            boolean indented = line.startsWith("    ") && !stripped.isEmpty();
            inIndentedBlock = indented && (inIndentedBlock || previousBlank);
            previousBlank = stripped.isEmpty();
            if (inIndentedBlock) {
                String command = clean(stripped);
                if (PROJECT_COMMAND.matcher(command).find()) {
                    commands.add(new DocCommand(name + ":" + (i + 1), command, false));
                }
                continue;
            }
            Matcher inline = INLINE_CODE.matcher(line);
            while (inline.find()) {
                String code = inline.group(1).strip();
                if (INLINE_COMMAND.matcher(code).find()) {
                    commands.add(new DocCommand(name + ":" + (i + 1), clean(code), false));
                }
            }
        }
        return commands;
    }

    /** Drops a prompt, a trailing comment and a trailing {@code &}. */
    static String clean(String line) {
        String s = line.strip();
        if (s.startsWith("$ ")) {
            s = s.substring(2);
        }
        if (s.startsWith("#")) {
            return "";
        }
        int comment = s.indexOf(" #");
        if (comment >= 0) {
            s = s.substring(0, comment);
        }
        s = s.strip();
        if (s.endsWith(" &")) {
            s = s.substring(0, s.length() - 2).strip();
        }
        return s;
    }
}
