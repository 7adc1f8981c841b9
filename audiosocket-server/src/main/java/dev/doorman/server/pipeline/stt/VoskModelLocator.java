package dev.doorman.server.pipeline.stt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the Vosk model directory. A configured directory wins. Otherwise the en-us model that the
 * build unpacked from Maven Central's {@code vosk-model-en} aar onto the classpath
 * ({@code assets/model-en-us/}) is used: in place when the classpath is a directory
 * ({@code target/classes}), or extracted once from the jar to
 * {@code <cacheDir>/doorman-vosk-model-en-us-<uuid>} (complete when its marker file exists), so
 * {@code java -jar doorman.jar} works from anywhere.
 */
public final class VoskModelLocator {
    static final String BUNDLED_RESOURCE = "assets/model-en-us";
    static final String MARKER = ".doorman-extracted";

    private final ClassLoader classLoader;
    private final Path cacheDir;

    public VoskModelLocator(ClassLoader classLoader, Path cacheDir) {
        this.classLoader = classLoader;
        this.cacheDir = cacheDir;
    }

    public static VoskModelLocator forConfig(SttConfig.Vosk config) {
        Path cache = Path.of(config.cacheDir() != null ? config.cacheDir() : System.getProperty("java.io.tmpdir"));
        return new VoskModelLocator(VoskModelLocator.class.getClassLoader(), cache);
    }

    /**
     * @param configured {@code stt.vosk.modelDir}, or null for the bundled model
     * @throws IllegalArgumentException if the directory is not a Vosk model or the bundle is missing
     */
    public Path locate(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            requireModel(dir, "stt.vosk.modelDir");
            return dir;
        }
        return bundled();
    }

    /** A Vosk model has at least {@code am/final.mdl} and {@code conf/}. */
    static void requireModel(Path dir, String key) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(key + ": " + dir + " is not a directory");
        }
        if (!Files.isRegularFile(dir.resolve("am/final.mdl")) || !Files.isDirectory(dir.resolve("conf"))) {
            throw new IllegalArgumentException(key + ": " + dir
                    + " is not a Vosk model (expected am/final.mdl and conf/ inside)");
        }
    }

    private Path bundled() {
        URL uuidUrl = classLoader.getResource(BUNDLED_RESOURCE + "/uuid");
        if (uuidUrl == null) {
            throw new IllegalArgumentException("stt.vosk.modelDir is not set and the bundled model ("
                    + BUNDLED_RESOURCE + ") is not on the classpath; build with Maven (it unpacks "
                    + "com.alphacephei:vosk-model-en) or set stt.vosk.modelDir");
        }
        try {
            URI uri = uuidUrl.toURI();
            if ("file".equals(uri.getScheme())) {
                Path dir = Path.of(uri).getParent();
                requireModel(dir, "bundled model");
                return dir;
            }
            if ("jar".equals(uri.getScheme())) {
                return extractFromJar(uri);
            }
            throw new IllegalArgumentException("bundled Vosk model has an unsupported location: " + uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bundled Vosk model has a bad location: " + uuidUrl, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled Vosk model to " + cacheDir, e);
        }
    }

    private Path extractFromJar(URI uuidUri) throws IOException {
        try (FileSystem jar = openJar(uuidUri)) {
            Path source = jar.getPath("/" + BUNDLED_RESOURCE);
            String uuid = Files.readString(source.resolve("uuid"), StandardCharsets.US_ASCII).strip();
            Path target = cacheDir.resolve("doorman-vosk-model-en-us-" + uuid.replaceAll("[^A-Za-z0-9-]", ""));
            if (Files.isRegularFile(target.resolve(MARKER))) {
                return target;
            }
            Files.createDirectories(cacheDir);
            // Extract beside the target and rename, so concurrent processes never see half a model.
            Path staging = Files.createTempDirectory(cacheDir, "doorman-vosk-extract-");
            try {
                copyTree(source, staging);
                Files.writeString(staging.resolve(MARKER), uuid, StandardCharsets.US_ASCII);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                    if (!Files.isRegularFile(target.resolve(MARKER))) {
                        throw new IOException(target + " exists but is not a complete extracted model; remove it", e);
                    }
                } catch (IOException e) {
                    // A non-empty target (another process won the race) is reported as a generic IOException.
                    if (!Files.isRegularFile(target.resolve(MARKER))) {
                        throw e;
                    }
                }
            } finally {
                deleteTree(staging);
            }
            return target;
        }
    }

    private static FileSystem openJar(URI uuidUri) throws IOException {
        String s = uuidUri.toString();
        URI jarUri = URI.create(s.substring(0, s.indexOf("!/")));
        try {
            return FileSystems.newFileSystem(jarUri, Map.of());
        } catch (java.nio.file.FileSystemAlreadyExistsException e) {
            // Someone else holds it open: copy through a second, private view of the same file.
            Path jarFile = Path.of(URI.create(jarUri.getSchemeSpecificPart()));
            return FileSystems.newFileSystem(jarFile, (ClassLoader) null);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
