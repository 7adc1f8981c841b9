package dev.doorman.server.call;

import dev.doorman.events.Party;
import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.FrameKind;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaybackQueueTest {
    private final List<String> events = new ArrayList<>();
    private final PlaybackQueue queue = new PlaybackQueue(new PlaybackQueue.Listener() {
        @Override
        public void onPlaybackStarted(Prompt prompt) {
            events.add("start " + prompt.label());
        }

        @Override
        public void onPlaybackFinished(PlaybackResult result) {
            events.add("finish " + result.prompt().label() + (result.interrupted() ? " interrupted" : ""));
        }

        @Override
        public void onUnderrun(Prompt prompt) {
            events.add("underrun " + prompt.label());
        }
    });

    private static Prompt prompt(String label, int bytes) {
        return new Prompt(new byte[bytes], Party.VISITOR, 1, label);
    }

    private AudioSocketFrame next() {
        return queue.nextFrame(ByteBufAllocator.DEFAULT, System.nanoTime());
    }

    @Test
    void cutsPromptsIntoPaddedFramesOfTheirOwnKindAndReportsTheirEnds() {
        queue.enqueue(prompt("a", 700), FrameKind.AUDIO_8K);
        queue.enqueue(prompt("b", 640), FrameKind.AUDIO_16K);
        List<Integer> sizes = new ArrayList<>();
        List<FrameKind> kinds = new ArrayList<>();
        for (AudioSocketFrame f; (f = next()) != null; ) {
            sizes.add(f.payload().readableBytes());
            kinds.add(f.kind());
            f.release();
        }
        assertEquals(List.of(320, 320, 320, 640), sizes, "700 bytes = 2 frames + 60 bytes padded to 320");
        assertEquals(List.of(FrameKind.AUDIO_8K, FrameKind.AUDIO_8K, FrameKind.AUDIO_8K, FrameKind.AUDIO_16K), kinds);
        assertEquals(List.of("start a", "finish a", "start b", "finish b"), events);
        assertFalse(queue.isPlaying());
    }

    @Test
    void stopInterruptsTheCurrentPromptAndDropsTheQueuedOnes() {
        queue.enqueue(prompt("a", 3200), FrameKind.AUDIO_8K);
        queue.enqueue(prompt("b", 3200), FrameKind.AUDIO_8K);
        next().release();
        assertTrue(queue.hasStarted());
        PlaybackResult result = queue.stop(System.nanoTime());
        assertTrue(result.interrupted());
        assertEquals(List.of("start a", "finish a interrupted"), events);
        assertNull(next());
        assertFalse(queue.isPlaying());
    }

    @Test
    void stoppingBeforeAnyFrameWentOutLogsNothing() {
        queue.enqueue(prompt("a", 320), FrameKind.AUDIO_8K);
        assertNull(queue.stop(System.nanoTime()));
        assertTrue(events.isEmpty());
    }

    @Test
    void aPromptStillArrivingPlaysWhatHasArrivedAndFillsTheWaitWithSilence() {
        PromptAudio audio = PromptAudio.streaming();
        byte[] first = new byte[480];
        java.util.Arrays.fill(first, (byte) 1);
        audio.append(first);
        queue.enqueue(new Prompt(audio, Party.VISITOR, 2, "answer", null), FrameKind.AUDIO_8K);
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AudioSocketFrame f = next();
            frames.add(f.payload().getByte(0) == 1 ? "speech" : "silence");
            f.release();
        }
        assertEquals(List.of("speech", "silence", "silence"), frames, "160 bytes wait for the rest of their frame");
        assertEquals(List.of("start answer", "underrun answer", "underrun answer"), events);

        byte[] second = new byte[400];
        java.util.Arrays.fill(second, (byte) 2);
        audio.append(second);
        audio.finish();
        AudioSocketFrame joined = next();
        assertEquals(1, joined.payload().getByte(0), "the first sentence's last 160 bytes");
        assertEquals(2, joined.payload().getByte(300));
        joined.release();
        AudioSocketFrame last = next();
        assertEquals(2, last.payload().getByte(0));
        assertEquals(2, last.payload().getByte(239));
        assertEquals(0, last.payload().getByte(240), "padded with silence once complete");
        last.release();
        assertNull(next());
        assertEquals("finish answer", events.get(events.size() - 1));
    }

    @Test
    void stoppingAPromptStillArrivingIsAnInterruption() {
        PromptAudio audio = PromptAudio.streaming();
        audio.append(new byte[640]);
        queue.enqueue(new Prompt(audio, Party.VISITOR, 2, "answer", null), FrameKind.AUDIO_8K);
        next().release();
        next().release();
        assertTrue(queue.stop(System.nanoTime()).interrupted(), "all its audio so far went out, but more was coming");
    }

    @Test
    void emptyPromptsAreIgnored() {
        queue.enqueue(prompt("empty", 0), FrameKind.AUDIO_8K);
        assertFalse(queue.isPlaying());
        assertNull(next());
    }
}
