package dev.doorman.server.pipeline.tts;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.io.IoErrors;
import dev.doorman.server.pipeline.SpeechSynthesizer;
import dev.doorman.server.pipeline.StageException;
import dev.doorman.server.pipeline.SynthesizedAudio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phrase cache in front of a {@link SpeechSynthesizer}: an in-memory LRU keyed by sentence and
 * rate, optionally backed by a directory of WAV files that survives restarts. A reply is cut into
 * sentences ({@link SentenceSplitter}); each is served from the cache or synthesized and cached on
 * its own, and {@link #synthesize(String, int, Consumer)} hands each sentence over as soon as it is
 * ready, so the first sentence plays while the next is made. Fixed prompts are synthesized at
 * start-up with {@link #warmUp}, so the first audio of a call goes out at once. A reply whose
 * sentences all came from the cache is {@code cached=true}. Disk problems are logged and treated as
 * misses: the cache never fails a call that the engine could serve. An interrupted thread stops
 * between sentences ({@code cancelled}).
 */
public final class CachingSynthesizer implements SpeechSynthesizer {
    private static final Logger log = LoggerFactory.getLogger(CachingSynthesizer.class);

    private final SpeechSynthesizer delegate;
    private final String namespace;
    private final int maxEntries;
    private final Path dir;
    private final Map<Key, byte[]> memory;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param namespace  identifies the engine and voice (e.g. "freetts/kevin") so disk entries of
     *                   another voice are never served
     * @param maxEntries phrases kept in memory; 0 keeps none (disk only, if a dir is given)
     * @param dir        disk cache directory (created if missing), or null for memory only
     */
    public CachingSynthesizer(SpeechSynthesizer delegate, String namespace, int maxEntries, Path dir) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("tts.cache.maxEntries must not be negative: " + maxEntries);
        }
        this.delegate = delegate;
        this.namespace = namespace;
        this.maxEntries = maxEntries;
        this.dir = dir;
        this.memory = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
                return size() > CachingSynthesizer.this.maxEntries;
            }
        };
        if (dir != null) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalArgumentException("tts.cache.dir: cannot create " + dir + ": " + IoErrors.reason(e), e);
            }
        }
    }

    @Override
    public String provider() {
        return delegate.provider();
    }

    @Override
    public SynthesizedAudio synthesize(String text, int sampleRate) {
        return synthesize(text, sampleRate, pcm -> { });
    }

    @Override
    public SynthesizedAudio synthesize(String text, int sampleRate, Consumer<byte[]> chunks) {
        SpeechSynthesizer.checkInput(text, sampleRate);
        List<String> sentences = SentenceSplitter.split(text);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        boolean allCached = true;
        for (String sentence : sentences) {
            if (Thread.currentThread().isInterrupted()) {
                throw new StageException("synthesis", StageException.CANCELLED, "synthesis cancelled: " + text);
            }
            Key key = new Key(sentence, sampleRate);
            byte[] pcm = cached(key);
            if (pcm != null) {
                hits.incrementAndGet();
            } else {
                misses.incrementAndGet();
                allCached = false;
                pcm = delegate.synthesize(sentence, sampleRate).pcm(); // errors pass through uncached
                toMemory(key, pcm);
                toDisk(key, pcm);
            }
            chunks.accept(pcm);
            all.writeBytes(pcm);
        }
        return new SynthesizedAudio(all.toByteArray(), sampleRate, allCached);
    }

    private byte[] cached(Key key) {
        byte[] pcm = fromMemory(key);
        if (pcm == null) {
            pcm = fromDisk(key);
            if (pcm != null) {
                toMemory(key, pcm);
            }
        }
        return pcm;
    }

    /**
     * Synthesizes phrases that are not cached yet (e.g. the greeting) so calls find them ready.
     *
     * @return how many phrases had at least one sentence to synthesize
     */
    public int warmUp(Collection<String> phrases, int sampleRate) {
        int synthesized = 0;
        for (String phrase : phrases) {
            if (!synthesize(phrase, sampleRate).cached()) {
                synthesized++;
            }
        }
        return synthesized;
    }

    /** Sentences served from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Sentences the engine had to synthesize. */
    public long misses() {
        return misses.get();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private byte[] fromMemory(Key key) {
        synchronized (memory) {
            return memory.get(key);
        }
    }

    private void toMemory(Key key, byte[] pcm) {
        if (maxEntries > 0) {
            synchronized (memory) {
                memory.put(key, pcm);
            }
        }
    }

    private byte[] fromDisk(Key key) {
        if (dir == null) {
            return null;
        }
        Path file = dir.resolve(fileName(key));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            WavFile wav = WavFile.read(file);
            if (wav.sampleRate() != key.sampleRate()) {
                log.warn("ignoring TTS cache file {}: {} Hz, expected {}", file, wav.sampleRate(), key.sampleRate());
                return null;
            }
            return wav.pcm();
        } catch (IOException e) {
            log.warn("ignoring unreadable TTS cache file {}: {}", file, IoErrors.reason(e));
            return null;
        }
    }

    private void toDisk(Key key, byte[] pcm) {
        if (dir == null) {
            return;
        }
        Path file = dir.resolve(fileName(key));
        try {
            // Write then rename so a reader never sees half a file.
            Path tmp = Files.createTempFile(dir, ".tts-", ".tmp");
            new WavFile(key.sampleRate(), pcm).write(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write TTS cache file {}: {}", file, IoErrors.reason(e));
        }
    }

    private String fileName(Key key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((namespace + "\n" + key.sampleRate() + "\n" + key.text())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + ".wav";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private record Key(String text, int sampleRate) {
    }
}
