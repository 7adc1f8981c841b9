package dev.doorman.server.pipeline.stt.bench;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.pipeline.RecognitionHints.Expectation;
import dev.doorman.server.pipeline.validation.BuildingDirectory;
import dev.doorman.server.pipeline.validation.DirectoryEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A reproducible visitor corpus for the recognition benchmark: a 56-resident building with
 * realistic, varied and confusable names, and visitor utterances drawn from it with a fixed seed,
 * spoken by espeak-ng in several voices, variants and speeds, then put through a telephone channel
 * (300-3400 Hz band, white noise at 30 or 15 dB SNR or none, G.711 μ-law round trip) by sox. The
 * audio is generated at benchmark time into a scratch folder, never committed. Held out: the rules
 * were not tuned on it.
 */
public final class VisitorCorpus {
    /** One utterance: what was said, what it should resolve to, and the dialog state it answers. */
    public record Utterance(int id, String text, Expectation answering, String resident, String apartment,
                            boolean saysNumber, String voice, int speed, String channel, Path wav8k) {
        /** True when the visitor named nobody of the building (the doorman must not ring anyone). */
        public boolean outsider() {
            return resident == null && apartment == null;
        }
    }

    static final String[][] RESIDENTS = {
            {"101", "Alice Johnson"}, {"102", "Robert Brown", "Linda Brown"}, {"103", "Fatima Haddad"},
            {"104", "Kyle Reese"}, {"105", "Priya Patel"}, {"106", "Ricardo Oliveira"}, {"201", "John Smith", "Joan Smyth"},
            {"202", "Catherine Lee"}, {"203", "Kathryn Leigh"}, {"204", "Mark Allen"}, {"205", "Marc Allan"},
            {"206", "Sean O'Brien"}, {"301", "Wei Zhang"}, {"302", "David Miller"}, {"303", "Sarah Connor"},
            {"304", "Michael Davis", "Emily Davis"}, {"305", "Anna Kowalski"}, {"306", "Hiroshi Tanaka"},
            {"401", "Brian Murphy"}, {"402", "Bryan Murray"}, {"403", "Olivia Martin"}, {"404", "Lucas Moreau"},
            {"405", "Grace Kim"}, {"406", "Daniel Cohen"}, {"501", "Sofia Rossi"}, {"502", "Ahmed Hassan"},
            {"503", "Isabel Garcia"}, {"504", "Thomas Wright"}, {"505", "Rachel Green"}, {"506", "Peter Jones"},
            {"507", "Nina Petrova"}, {"601", "Omar Farouk"}, {"602", "Laura Schmidt"}, {"603", "James Wilson"},
            {"604", "Chloe Dubois"}, {"605", "Victor Nguyen"}, {"614", "Hannah Becker"}, {"701", "Samuel Okafor"},
            {"702", "Maya Singh"}, {"703", "Ethan Walker"}, {"704", "Julia Novak"}, {"88", "Oscar Lindqvist"},
            {"905", "Carmen Lopez"}, {"906", "George Baker"}, {"1201", "Helen Carter"}, {"1202", "Ivan Petrov"},
            {"1203", "Zoe Adams"}, {"1204", "Noah Fischer"}, {"1205", "Leila Ahmadi"}, {"1206", "Martin King"},
            {"1301", "Steven Clark"}, {"1302", "Stephen Clarke"},
    };
    /** Visitors' own names (not residents) and people who do not live here. */
    static final String[] VISITORS = {"Peter Parker", "Maria Gonzales", "Tom Baker", "Aisha Bello", "Ken Watanabe",
            "Lisa Ray", "Paul Young", "Diego Ramos", "Emma Stone", "Raj Kumar"};
    static final String[] OUTSIDERS = {"Frank Sinclair", "Yuki Mori", "Bernard Shaw", "Nadia Petrenko"};
    static final String[] VOICES = {"en-us", "en-gb", "en-us+f3", "en-gb-scotland", "en-029", "en-us+m3",
            "en-gb-x-rp+f2", "en-us-nyc"};
    static final int[] SPEEDS = {135, 150, 165, 180};
    static final String[] CHANNELS = {"clean", "noise30", "noise15"};

    public static BuildingDirectory directory() {
        List<DirectoryEntry> entries = new ArrayList<>();
        for (String[] row : RESIDENTS) {
            entries.add(new DirectoryEntry(row[0], List.of(row).subList(1, row.length), "1" + row[0]));
        }
        return new BuildingDirectory(entries);
    }

    /** Apartment numbers the way people say them, several ways per number. */
    static String spoken(String apartment, Random random) {
        String[] d = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        String[] teens = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                "eighteen", "nineteen"};
        String[] tens = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        int n = Integer.parseInt(apartment);
        List<String> ways = new ArrayList<>();
        StringBuilder digits = new StringBuilder();
        for (char c : apartment.toCharArray()) {
            digits.append(digits.isEmpty() ? "" : " ").append(d[c - '0']);
        }
        ways.add(digits.toString());
        if (apartment.contains("0")) {
            ways.add(digits.toString().replace("zero", "oh"));
        }
        if (n < 100) {
            ways.add(n < 20 ? teens[n - 10] : tens[n / 10] + (n % 10 == 0 ? "" : " " + d[n % 10]));
        } else if (n < 1000) {
            int rest = n % 100;
            String restWords = rest == 0 ? "" : rest < 10 ? "oh " + d[rest] : rest < 20 ? teens[rest - 10]
                    : tens[rest / 10] + (rest % 10 == 0 ? "" : " " + d[rest % 10]);
            ways.add(d[n / 100] + " " + restWords);
            if (rest != 0) {
                ways.add(d[n / 100] + " hundred and " + (rest < 10 ? d[rest] : restWords));
            }
        } else {
            int hi = n / 100;
            int rest = n % 100;
            ways.add(teens[hi - 10] + " " + (rest < 10 ? "oh " + d[rest] : tens[rest / 10] + " " + d[rest % 10]));
        }
        return ways.get(random.nextInt(ways.size()));
    }

    /** The corpus's utterances (text, expectation, voice, channel), without audio yet. */
    public static List<Utterance> script(int count, long seed) {
        Random random = new Random(seed);
        List<Utterance> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] row = RESIDENTS[random.nextInt(RESIDENTS.length)];
            String apartment = row[0];
            String resident = row[1 + random.nextInt(row.length - 1)];
            String[] parts = resident.split(" ");
            String visitor = VISITORS[random.nextInt(VISITORS.length)];
            String apt = spoken(apartment, random);
            boolean single = row.length == 2;
            String text;
            Expectation answering;
            String expectResident = resident;
            String expectApartment = apartment;
            int form = random.nextInt(10);
            switch (form) {
                case 0 -> { text = "Hi, my name is " + visitor + ". I'm here to see " + resident + ".";
                    answering = Expectation.ANY; }
                case 1 -> { text = "Hello, this is " + visitor + ", visiting " + resident + " in apartment " + apt + ".";
                    answering = Expectation.ANY; }
                case 2 -> { text = "I have a delivery for apartment " + apt + ".";
                    answering = Expectation.ANY; expectResident = single ? resident : null; }
                case 3 -> { text = resident + "."; answering = Expectation.DIRECTORY; }
                case 4 -> { text = parts[parts.length - 1] + ", please."; answering = Expectation.DIRECTORY;
                    if (!single && parts[parts.length - 1].equals(row[1].split(" ")[1])) {
                        expectResident = null; // "Brown": the flat, not one of the Browns
                    } }
                case 5 -> { text = "Apartment " + apt + "."; answering = Expectation.DIRECTORY;
                    expectResident = single ? resident : null; }
                case 6 -> { text = apt + ", please."; answering = Expectation.DIRECTORY;
                    expectResident = single ? resident : null; }
                case 7 -> { text = resident + ", apartment " + apt + "."; answering = Expectation.DIRECTORY; }
                case 8 -> { text = "I'm visiting " + resident + "."; answering = Expectation.DIRECTORY; }
                default -> {
                    String outsider = OUTSIDERS[random.nextInt(OUTSIDERS.length)];
                    text = "I'm here to see " + outsider + ".";
                    answering = Expectation.DIRECTORY;
                    expectResident = null;
                    expectApartment = null;
                }
            }
            String voice = VOICES[random.nextInt(VOICES.length)];
            int speed = SPEEDS[random.nextInt(SPEEDS.length)];
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            boolean saysNumber = form == 1 || form == 2 || form == 5 || form == 6 || form == 7;
            out.add(new Utterance(i, text, answering, expectResident, expectApartment, saysNumber, voice, speed, channel,
                    null));
        }
        return out;
    }

    /** Speaks and degrades each utterance into {@code dir}/NNN.wav (8 kHz, after the μ-law round trip). */
    public static List<Utterance> generate(List<Utterance> script, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Utterance> out = new ArrayList<>();
        for (Utterance u : script) {
            Path wide = dir.resolve(String.format("%03d-wide.wav", u.id()));
            Path band = dir.resolve(String.format("%03d-band.wav", u.id()));
            Path ulaw = dir.resolve(String.format("%03d-ulaw.wav", u.id()));
            Path wav = dir.resolve(String.format("%03d.wav", u.id()));
            run("espeak-ng", "-v", u.voice(), "-s", String.valueOf(u.speed()), "-w", wide.toString(), u.text());
            // Telephone band at 8 kHz with half a second of room tone either side.
            run("sox", wide.toString(), "-r", "8000", "-c", "1", "-b", "16", band.toString(),
                    "sinc", "300-3400", "pad", "0.5", "0.5", "norm", "-6");
            Path noisy = band;
            if (!u.channel().equals("clean")) {
                int snr = Integer.parseInt(u.channel().substring(5));
                Path noise = dir.resolve(String.format("%03d-noise.wav", u.id()));
                noisy = dir.resolve(String.format("%03d-noisy.wav", u.id()));
                double seconds = WavFile.read(band).durationMs() / 1000.0;
                // Speech normalized to -6 dBFS peak is about -20 dBFS RMS; white noise at RMS -20-snr.
                run("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", noise.toString(), "synth",
                        String.format("%.3f", seconds), "whitenoise", "vol", String.format("%.5f", Math.pow(10, (-20.0 - snr + 4.8) / 20)));
                run("sox", "-m", band.toString(), noise.toString(), noisy.toString());
                Files.delete(noise);
            }
            run("sox", noisy.toString(), "-e", "mu-law", "-r", "8000", "-t", "wav", ulaw.toString());
            run("sox", ulaw.toString(), "-e", "signed-integer", "-b", "16", wav.toString());
            for (Path p : List.of(wide, band, ulaw)) {
                Files.deleteIfExists(p);
            }
            if (!noisy.equals(band)) {
                Files.deleteIfExists(noisy);
            }
            out.add(new Utterance(u.id(), u.text(), u.answering(), u.resident(), u.apartment(), u.saysNumber(), u.voice(), u.speed(),
                    u.channel(), wav));
        }
        return out;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private VisitorCorpus() {
    }
}
