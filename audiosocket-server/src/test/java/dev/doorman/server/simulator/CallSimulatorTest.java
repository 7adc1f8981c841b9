package dev.doorman.server.simulator;

import dev.doorman.server.audio.WavFile;
import dev.doorman.server.protocol.AudioSocketFrame;
import dev.doorman.server.protocol.FrameKind;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallSimulatorTest {
    /** 1030 ms at 8 kHz: 51 full frames and a short last one of 160 bytes. */
    private static final WavFile TONE = TestAudio.tone(8000, 8240);
    private static final String CALL_ID = "6f1c2a9e-0b3d-4c52-9a55-1d2f3e4a5b6c";

    private final CallSimulator simulator = new CallSimulator(1);

    @AfterEach
    void close() {
        simulator.close();
    }

    private static SimulationOptions.Builder options(FakeAudioSocketServer server) {
        return SimulationOptions.builder("127.0.0.1", server.port(), TONE).callId(CALL_ID)
                .silenceAfter(Duration.ofMillis(200));
    }

    private static CallResult finished(java.util.concurrent.CompletableFuture<CallResult> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void streamsLikeAsteriskAndHangsUpByClosing() throws Exception {
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.LISTEN)) {
            CallResult result = finished(simulator.call(options(server)
                    .dtmf("1#", Duration.ofMillis(100)).dtmfInterval(Duration.ofMillis(40)).build()));

            assertEquals(CallOutcome.CALLER_HANGUP, result.outcome());
            assertEquals(62, result.framesSent()); // 52 frames of tone + 10 of silence
            assertEquals("1#", result.dtmfSent());
            FakeAudioSocketServer.Connection c = server.connections.get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> c.closed);

            List<FakeAudioSocketServer.Received> frames = c.frames;
            assertEquals(FrameKind.UUID, frames.get(0).kind());
            ByteBuffer uuid = ByteBuffer.wrap(frames.get(0).payload());
            assertEquals(UUID.fromString(CALL_ID), new UUID(uuid.getLong(), uuid.getLong()));
            assertTrue(frames.stream().noneMatch(f -> f.kind() == FrameKind.HANGUP), "Asterisk sends no 0x00 on caller hang-up");

            List<byte[]> audio = frames.stream().filter(f -> f.kind() == FrameKind.AUDIO_8K)
                    .map(FakeAudioSocketServer.Received::payload).toList();
            assertEquals(62, audio.size());
            ByteArrayOutputStream speech = new ByteArrayOutputStream();
            for (int i = 0; i < 52; i++) {
                assertEquals(i < 51 ? 320 : 160, audio.get(i).length, "frame " + i);
                speech.writeBytes(audio.get(i));
            }
            assertArrayEquals(TONE.pcm(), speech.toByteArray());
            for (int i = 52; i < 62; i++) {
                assertArrayEquals(new byte[320], audio.get(i), "silence frame " + i);
            }
            String digits = frames.stream().filter(f -> f.kind() == FrameKind.DTMF)
                    .map(f -> String.valueOf((char) f.payload()[0])).reduce("", String::concat);
            assertEquals("1#", digits);
        }
    }

    @Test
    void recordsTheServersAudioAndItsGaps() throws Exception {
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.ECHO)) {
            CallResult result = finished(simulator.call(options(server).build()));

            assertEquals(CallOutcome.CALLER_HANGUP, result.outcome());
            byte[] expected = Arrays.copyOf(TONE.pcm(), TONE.pcm().length + 10 * 320);
            // The echo of the last frames may still be in flight when the simulator hangs up.
            assertTrue(result.framesReceived() >= 52, "received " + result.framesReceived());
            assertArrayEquals(Arrays.copyOf(expected, result.recordedPcm().length), result.recordedPcm());
            assertEquals(result.recordedPcm().length, result.bytesReceived());
            assertEquals(result.framesReceived() - 1, result.receivedGaps().gaps());
            assertEquals(result.framesSent() - 1, result.sentGaps().gaps());
            assertTrue(result.firstAudioMs() >= 0);
            assertFalse(result.refused());
        }
    }

    @Test
    void stopsWhenTheServerHangsUp() throws Exception {
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.HANG_UP_ON_UUID)) {
            CallResult result = finished(simulator.call(options(server).silenceAfter(Duration.ofSeconds(60)).build()));

            assertEquals(CallOutcome.SERVER_HANGUP, result.outcome());
            assertTrue(result.refused(), "ended by the server before any audio");
            assertTrue(result.framesSent() < TONE.pcm().length / 320, "stopped streaming at the hangup");
        }
    }

    @Test
    void serverClosingAtOnceIsARefusal() throws Exception {
        FakeAudioSocketServer.Reaction closeAtOnce = new FakeAudioSocketServer.Reaction() {
            @Override
            public void onFrame(io.netty.channel.ChannelHandlerContext ctx, AudioSocketFrame frame) {
            }

            @Override
            public void onConnect(io.netty.channel.ChannelHandlerContext ctx) {
                ctx.close();
            }
        };
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(closeAtOnce)) {
            CallResult result = finished(simulator.call(options(server).build()));

            assertEquals(CallOutcome.SERVER_CLOSED, result.outcome());
            assertTrue(result.refused());
        }
    }

    @Test
    void zeroLengthAudioFromTheServerIsAProtocolError() throws Exception {
        FakeAudioSocketServer.Reaction emptyAudio = (ctx, frame) -> {
            if (frame.kind() == FrameKind.UUID) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x10, 0, 0}));
            }
        };
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(emptyAudio)) {
            CallResult result = finished(simulator.call(options(server).build()));

            assertEquals(CallOutcome.PROTOCOL_ERROR, result.outcome());
            assertTrue(result.detail().contains("must not be empty"), result.detail());
        }
    }

    @Test
    void audioAtTheWrongRateIsAProtocolError() throws Exception {
        FakeAudioSocketServer.Reaction wideband = (ctx, frame) -> {
            if (frame.kind() == FrameKind.UUID) {
                ctx.writeAndFlush(AudioSocketFrame.audio(FrameKind.AUDIO_16K, Unpooled.wrappedBuffer(new byte[640])));
            }
        };
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(wideband)) {
            CallResult result = finished(simulator.call(options(server).build()));

            assertEquals(CallOutcome.PROTOCOL_ERROR, result.outcome());
            assertTrue(result.detail().contains("16000 Hz"), result.detail());
        }
    }

    @Test
    void errorFrameEndsTheCall() throws Exception {
        FakeAudioSocketServer.Reaction error = (ctx, frame) -> {
            if (frame.kind() == FrameKind.UUID) {
                ctx.writeAndFlush(AudioSocketFrame.error(5));
            }
        };
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(error)) {
            CallResult result = finished(simulator.call(options(server).build()));

            assertEquals(CallOutcome.SERVER_ERROR, result.outcome());
            assertEquals("error frame, code 0x05", result.detail());
        }
    }

    @Test
    void muteCallerSendsOnlyTheUuidUntilItsLimit() throws Exception {
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.LISTEN)) {
            CallResult result = finished(simulator.call(options(server).mute(true)
                    .maxDuration(Duration.ofMillis(300)).build()));

            assertEquals(CallOutcome.TIMED_OUT, result.outcome());
            assertEquals(0, result.framesSent());
            FakeAudioSocketServer.Connection c = server.connections.get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> c.closed);
            assertEquals(List.of(FrameKind.UUID), c.frames.stream().map(FakeAudioSocketServer.Received::kind).toList());
        }
    }

    @Test
    void unreachableServerIsAConnectFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CallResult result = finished(simulator.call(SimulationOptions.builder("127.0.0.1", port, TONE).build()));

        assertEquals(CallOutcome.CONNECT_FAILED, result.outcome());
        assertTrue(result.detail().contains("127.0.0.1:" + port), result.detail());
    }

    @Test
    void wideband16kCallUses640ByteFramesOfKind0x12() throws Exception {
        WavFile wide = TestAudio.tone(16_000, 16_000 / 5); // 200 ms
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.LISTEN)) {
            CallResult result = finished(simulator.call(SimulationOptions.builder("127.0.0.1", server.port(), wide)
                    .silenceAfter(Duration.ZERO).build()));

            assertEquals(CallOutcome.CALLER_HANGUP, result.outcome());
            FakeAudioSocketServer.Connection c = server.connections.get(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> c.closed);
            List<FakeAudioSocketServer.Received> audio = c.frames.stream().filter(f -> f.kind().isAudio()).toList();
            assertEquals(10, audio.size());
            assertTrue(audio.stream().allMatch(f -> f.kind() == FrameKind.AUDIO_16K && f.payload().length == 640));
        }
    }

    @Test
    void loadRunPlacesConcurrentCallsWithDistinctIdsAndMergesGaps() throws Exception {
        try (FakeAudioSocketServer server = new FakeAudioSocketServer(FakeAudioSocketServer.ECHO)) {
            SimulationOptions opts = SimulationOptions.builder("127.0.0.1", server.port(), TestAudio.tone(8000, 1600))
                    .silenceAfter(Duration.ofMillis(100)).record(false).calls(5, Duration.ofMillis(100)).build();

            SimulationReport report = simulator.run(opts);

            assertEquals(5, report.calls().size());
            assertEquals(5, report.completed());
            assertEquals(5, new HashSet<>(report.calls().stream().map(CallResult::callId).toList()).size());
            assertEquals(5, server.connections.size());
            assertEquals(5 * 15, report.framesSent());
            long gaps = report.calls().stream().mapToLong(c -> c.receivedGaps().gaps()).sum();
            assertEquals(gaps, report.receivedGaps().gaps());
            assertTrue(report.calls().stream().allMatch(c -> c.recordedPcm().length == 0), "recording was off");
        }
    }
}
