package dev.doorman.server.pipeline.stt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoskModelLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void aConfiguredDirectoryMustBeAVoskModel() throws IOException {
        VoskModelLocator locator = new VoskModelLocator(getClass().getClassLoader(), tmp);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> locator.locate(tmp.resolve("nope").toString()));
        assertTrue(missing.getMessage().startsWith("stt.vosk.modelDir: "), missing.getMessage());
        assertTrue(missing.getMessage().contains("not a directory"), missing.getMessage());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException notModel = assertThrows(IllegalArgumentException.class,
                () -> locator.locate(empty.toString()));
        assertTrue(notModel.getMessage().contains("not a Vosk model"), notModel.getMessage());

        Path model = fakeModel(tmp.resolve("pt"));
        assertEquals(model, locator.locate(model.toString()));
    }

    @Test
    void extractsTheBundledModelFromAJarOnceAndReusesIt() throws IOException {
        Path jar = tmp.resolve("doorman.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> e : Map.of(
                    "assets/model-en-us/uuid", "1234-abcd\n",
                    "assets/model-en-us/am/final.mdl", "acoustic model",
                    "assets/model-en-us/conf/mfcc.conf", "--sample-frequency=16000\n",
                    "assets/model-en-us/graph/phones/word_boundary.int", "1 nonword\n").entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
        Path cache = tmp.resolve("cache");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            VoskModelLocator locator = new VoskModelLocator(loader, cache);
            Path dir = locator.locate(null);
            assertEquals(cache.resolve("doorman-vosk-model-en-us-1234-abcd"), dir);
            assertEquals("acoustic model", Files.readString(dir.resolve("am/final.mdl")));
            assertEquals("1 nonword\n", Files.readString(dir.resolve("graph/phones/word_boundary.int")));
            assertTrue(Files.isRegularFile(dir.resolve(VoskModelLocator.MARKER)));

            // A second process (or start) finds the complete copy and does not extract again.
            Files.writeString(dir.resolve("am/final.mdl"), "kept");
            assertEquals(dir, new VoskModelLocator(loader, cache).locate(null));
            assertEquals("kept", Files.readString(dir.resolve("am/final.mdl")));
            try (var leftovers = Files.list(cache)) {
                assertEquals(1, leftovers.count(), "no staging directories left behind");
            }
        }
    }

    @Test
    void explainsWhenNoModelIsBundledOrConfigured() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new VoskModelLocator(empty, tmp).locate(null));
            assertTrue(e.getMessage().contains("stt.vosk.modelDir"), e.getMessage());
        }
    }

    @Test
    void readsTheModelRateFromItsFeatureConfig() throws IOException {
        Path model = fakeModel(tmp.resolve("tel"));
        Files.writeString(model.resolve("conf/mfcc.conf"), "--use-energy=false\n--sample-frequency=8000\n");
        assertEquals(8000, VoskSpeechRecognizer.readModelRate(model));
        Files.writeString(model.resolve("conf/mfcc.conf"), "--use-energy=false\n");
        assertEquals(16000, VoskSpeechRecognizer.readModelRate(model));
    }

    private static Path fakeModel(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("am"));
        Files.createDirectories(dir.resolve("conf"));
        try (OutputStream out = Files.newOutputStream(dir.resolve("am/final.mdl"))) {
            out.write(1);
        }
        return dir;
    }
}
