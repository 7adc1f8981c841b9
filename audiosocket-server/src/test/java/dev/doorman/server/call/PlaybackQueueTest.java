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
    void emptyPromptsAreIgnored() {
        queue.enqueue(prompt("empty", 0), FrameKind.AUDIO_8K);
        assertFalse(queue.isPlaying());
        assertNull(next());
    }
}
