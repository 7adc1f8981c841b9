package dev.doorman.server.interop;

import dev.doorman.server.audio.Resampler;
import dev.doorman.server.audio.WavFile;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks what a caller recorded against the prompt the bot played: all of it, unaltered, at its
 * own speed. A lost frame shows as missing audio; frames sent faster than real time are dropped by
 * Asterisk's Local channels, which shortens the audio; a late frame shows as a pause, of which a
 * starved machine may insert up to {@value #MAX_INSERTED_MS} ms in total.
 */
final class HeardAudio {
    private static final int LOUD = 300;
    /**
     * Silence a recording may hold inside a prompt. On a starved machine frames come late (the
     * server re-anchors its playout timeline, Asterisk's threads lag) and the caller hears a short
     * pause; up to this much of it in total is accepted. Lost or altered audio never is.
     */
    private static final int MAX_INSERTED_MS = 200;

    private HeardAudio() {
    }

    /**
     * The prompt appears sample for sample, as one contiguous run (an 8 kHz slin path has no
     * transcoding, so nothing may differ).
     */
    static void assertContainsExactly(WavFile heard, WavFile prompt) {
        assertContainsExactly(heard, prompt, 0);
    }

    /**
     * As {@link #assertContainsExactly(WavFile, WavFile)}, but the recording may end up to
     * {@code tailCutMs} before the prompt does: for the last prompt before the server hangs up,
     * because Asterisk stops the caller's recording (MixMonitor) when the channel goes, and on a
     * starved machine it drops what its mixing thread had not written yet. Everything recorded
     * must still match sample for sample.
     */
    static void assertContainsExactly(WavFile heard, WavFile prompt, int tailCutMs) {
        assertContainsExactly(heard, prompt, tailCutMs, 0);
    }

    /**
     * As {@link #assertContainsExactly(WavFile, WavFile, int)}, with {@code serverLateMs} more pause
     * allowed: what the server itself logged as lateness (its PLAYBACK_COMPLETE took that much longer
     * than the audio), so the pauses it knows it made are not blamed on the path to the caller.
     */
    static void assertContainsExactly(WavFile heard, WavFile prompt, int tailCutMs, int serverLateMs) {
        assertEquals(prompt.sampleRate(), heard.sampleRate());
        int rate = prompt.sampleRate();
        byte[] h = heard.pcm();
        byte[] p = trimSilence(prompt.pcm());
        int j = bestStart(h, p);
        if (j < 0) {
            fail("the prompt's first 20 ms never appear in what the caller heard (" + heard.durationMs() + " ms)");
        }
        int inserted = 0;
        for (int i = 0; i + 1 < p.length; i += 2, j += 2) {
            if (j + 1 >= h.length) {
                int missing = p.length - i;
                assertTrue(missing <= tailCutMs * rate / 1000 * 2, "the recording stops "
                        + missing / 2 * 1000 / rate + " ms before the end of the prompt");
                break;
            }
            if (h[j] != p[i] || h[j + 1] != p[i + 1]) {
                int zeros = insertedSilence(h, j, p, i);
                if (zeros == 0) {
                    fail("the prompt differs from what the caller heard at " + (i / 2 * 1000 / rate)
                            + " ms into it (of " + prompt.durationMs() + " ms): " + diagnose(h, j, p, i));
                }
                inserted += zeros;
                j += zeros;
            }
        }
        assertTrue(inserted <= (long) (MAX_INSERTED_MS + serverLateMs) * rate / 1000 * 2, (inserted / 2 * 1000 / rate)
                + " ms of silence inserted into the prompt (the server logged " + serverLateMs + " ms of its own"
                + " lateness): frames came late");
    }

    /** Bytes of digital silence at {@code heard[h]} after which the prompt goes on; 0 if that is not the case. */
    private static int insertedSilence(byte[] heard, int h, byte[] prompt, int p) {
        int z = h;
        while (z + 1 < heard.length && heard[z] == 0 && heard[z + 1] == 0) {
            z += 2;
        }
        int n = Math.min(320, Math.min(prompt.length - p, heard.length - z));
        return z > h && n > 0 && Arrays.equals(heard, z, z + n, prompt, p, p + n) ? z - h : 0;
    }

    /**
     * For a transcoded path (e.g. 16 kHz to a caller recording at 8 kHz): the audible part of the
     * prompt lasts as long in the recording (within one frame, plus any pause late frames
     * inserted) and has about as much sound, so nothing was dropped or cut.
     */
    static void assertContainsAllOf(WavFile heard, WavFile prompt) {
        assertContainsAllOf(heard, prompt, 0);
    }

    /**
     * As {@link #assertContainsAllOf(WavFile, WavFile)}, but the recording may end up to
     * {@code tailCutMs} early (the last prompt before a server hang-up, see
     * {@link #assertContainsExactly(WavFile, WavFile, int)}); the part it has must be whole.
     */
    static void assertContainsAllOf(WavFile heard, WavFile prompt, int tailCutMs) {
        byte[] p = prompt.sampleRate() == heard.sampleRate() ? prompt.pcm()
                : Resampler.convert(prompt.pcm(), prompt.sampleRate(), heard.sampleRate());
        int rate = heard.sampleRate();
        double promptSpan = loudSpanMs(p, rate);
        double heardSpan = loudSpanMs(heard.pcm(), rate);
        assertTrue(heardSpan <= promptSpan + 20 + MAX_INSERTED_MS && heardSpan >= promptSpan - 20 - tailCutMs,
                "audible span: the prompt's " + promptSpan + " ms, heard " + heardSpan + " ms");
        int first = firstLoud(p);
        int coveredBytes = (int) Math.min(p.length - first, Math.round(heardSpan * rate / 1000) * 2 + 2);
        long expected = loudSamples(Arrays.copyOfRange(p, first, first + coveredBytes));
        long got = loudSamples(heard.pcm());
        assertTrue(Math.abs(got - expected) <= expected / 20, "loud samples: heard " + got + ", prompt " + expected);
    }

    private static int firstLoud(byte[] pcm) {
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            if (Math.abs(sample(pcm, i)) > LOUD) {
                return i;
            }
        }
        return 0;
    }

    /** What went wrong where the recording stops matching: a frame lost, one inserted, or altered audio. */
    private static String diagnose(byte[] heard, int h, byte[] prompt, int p) {
        int span = Math.min(1600, Math.min(heard.length - h, prompt.length - p) - 640);
        for (int shift = 2; shift <= 640 && span > 0; shift += 2) {
            if (Arrays.equals(heard, h, h + span, prompt, p + shift, p + shift + span)) {
                return (shift / 2) + " samples of the prompt are missing there";
            }
            if (Arrays.equals(heard, h + shift, h + shift + span, prompt, p, p + span)) {
                return (shift / 2) + " samples were inserted there";
            }
        }
        int differ = 0;
        for (int i = 0; i < Math.min(320, Math.min(heard.length - h, prompt.length - p)); i++) {
            differ += heard[h + i] != prompt[p + i] ? 1 : 0;
        }
        return "altered audio (" + differ + " of the next 320 bytes differ)";
    }

    /** From the first to the last loud sample, in milliseconds. */
    static double loudSpanMs(byte[] pcm, int rate) {
        int first = -1;
        int last = -1;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            if (Math.abs(sample(pcm, i)) > LOUD) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? 0 : (last - first) / 2 * 1000.0 / rate;
    }

    static long loudSamples(byte[] pcm) {
        long n = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            if (Math.abs(sample(pcm, i)) > LOUD) {
                n++;
            }
        }
        return n;
    }

    private static int sample(byte[] pcm, int i) {
        return (short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8));
    }

    private static byte[] trimSilence(byte[] pcm) {
        int from = 0;
        while (from + 1 < pcm.length && sample(pcm, from) == 0) {
            from += 2;
        }
        int to = pcm.length;
        while (to - 2 > from && sample(pcm, to - 2) == 0) {
            to -= 2;
        }
        return Arrays.copyOfRange(pcm, from, to);
    }

    /**
     * Where the prompt starts in the recording: of the places where its first 20 ms appear (two
     * prompts may begin with the same words), the one that goes on matching longest; -1 if none.
     */
    private static int bestStart(byte[] heard, byte[] prompt) {
        int head = Math.min(prompt.length, 320);
        int best = -1;
        int bestLength = -1;
        for (int i = 0; i + head <= heard.length; i += 2) {
            int n = 0;
            while (n < prompt.length && i + n < heard.length && heard[i + n] == prompt[n]) {
                n++;
            }
            if (n >= head && n > bestLength) {
                best = i;
                bestLength = n;
            }
        }
        return best;
    }
}
