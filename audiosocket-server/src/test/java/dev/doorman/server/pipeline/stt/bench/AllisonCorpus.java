package dev.doorman.server.pipeline.stt.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Debian's Allison prompts ({@code asterisk-core-sounds-en-wav}) paired with their reference texts
 * ({@code asterisk-core-sounds-en}'s {@code core-sounds-en.txt.gz}, lines {@code name: Text.}).
 * Non-speech entries ({@code [beep tone]}) and prompts without a WAV are left out.
 */
public final class AllisonCorpus {
    public static final Path DEFAULT_SOUNDS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");
    public static final Path DEFAULT_TRANSCRIPTS = Path.of("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz");

    /** @param name the prompt name, e.g. {@code vm-enter-num-to-call} or {@code digits/5} */
    public record Prompt(String name, Path wav, String reference) {
    }

    private final Path soundsDir;
    private final Path transcripts;

    public AllisonCorpus(Path soundsDir, Path transcripts) {
        this.soundsDir = soundsDir;
        this.transcripts = transcripts;
    }

    public static AllisonCorpus installed() {
        return new AllisonCorpus(DEFAULT_SOUNDS, DEFAULT_TRANSCRIPTS);
    }

    public boolean isAvailable() {
        return Files.isDirectory(soundsDir) && Files.isRegularFile(transcripts);
    }

    /** name -> reference text, in file order (gzip or plain text). */
    public Map<String, String> references() throws IOException {
        Map<String, String> refs = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(transcripts);
             InputStream in = transcripts.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                parse(line, refs);
            }
        }
        return refs;
    }

    static void parse(String line, Map<String, String> refs) {
        if (line.isBlank() || line.startsWith(";")) {
            return;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = line.substring(0, colon).strip();
        String text = line.substring(colon + 1).strip();
        if (text.isEmpty() || (text.startsWith("[") && text.endsWith("]")) || name.contains(" ")) {
            return; // [ascending tones] and the like are not speech
        }
        refs.put(name, text);
    }

    /** The prompts that have both a WAV and a speech reference, sorted by name. */
    public List<Prompt> prompts() throws IOException {
        Map<String, String> refs = references();
        List<Prompt> prompts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(soundsDir)) {
            for (Path wav : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".wav")).sorted()::iterator) {
                String rel = soundsDir.relativize(wav).toString().replace('\\', '/');
                String name = rel.substring(0, rel.length() - ".wav".length());
                String ref = refs.get(name);
                if (ref != null) {
                    prompts.add(new Prompt(name, wav, ref));
                }
            }
        }
        return prompts;
    }

    /** One prompt by name. */
    public Prompt prompt(String name) throws IOException {
        String ref = references().get(name);
        Path wav = soundsDir.resolve(name + ".wav");
        if (ref == null || !Files.isRegularFile(wav)) {
            throw new IllegalArgumentException("no Allison prompt with a transcript: " + name);
        }
        return new Prompt(name, wav, ref);
    }
}
