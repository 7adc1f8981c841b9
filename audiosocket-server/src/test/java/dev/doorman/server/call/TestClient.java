package dev.doorman.server.call;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal Asterisk stand-in over a real socket: writes raw frames, and a reader thread collects
 * what the server sends (frames, then an end-of-stream marker).
 */
final class TestClient implements AutoCloseable {
    record Frame(int kind, byte[] payload) {
        boolean isEof() {
            return kind < 0;
        }

        boolean isSilence() {
            for (byte b : payload) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    static final Frame EOF = new Frame(-1, new byte[0]);

    private final Socket socket;
    private final OutputStream out;
    private final LinkedBlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    final UUID callId = UUID.randomUUID();

    TestClient(int port) throws IOException {
        this(port, true, 0);
    }

    /**
     * @param reading        whether a thread reads what the server sends (false: a peer that stopped reading)
     * @param receiveBuffer  SO_RCVBUF to ask for before connecting; 0 keeps the system's
     */
    private TestClient(int port, boolean reading, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        if (reading) {
            Thread reader = new Thread(this::readLoop, "test-client-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** A peer that never reads what the server sends, with a small receive buffer. */
    static TestClient notReading(int port) throws IOException {
        return new TestClient(port, false, 4096);
    }

    /** Raw bytes, e.g. part of a frame. */
    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The UUID frame's 19 bytes. */
    byte[] uuidFrame() {
        return ByteBuffer.allocate(19).put((byte) 0x01).putShort((short) 16)
                .putLong(callId.getMostSignificantBits()).putLong(callId.getLeastSignificantBits()).array();
    }

    /** Shuts the sending side (TCP FIN) and keeps reading. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int kind = in.readUnsignedByte();
                int length = in.readUnsignedShort();
                byte[] payload = new byte[length];
                in.readFully(payload);
                received.add(new Frame(kind, payload));
            }
        } catch (EOFException e) {
            received.add(EOF);
        } catch (IOException e) {
            received.add(EOF);
        }
    }

    synchronized void send(int kind, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(3 + payload.length);
        b.put((byte) kind).putShort((short) payload.length).put(payload);
        out.write(b.array());
        out.flush();
    }

    void sendUuid() throws IOException {
        sendRaw(uuidFrame());
    }

    void sendAudio(byte[] pcm, int frameBytes) throws IOException {
        for (int off = 0; off < pcm.length; off += frameBytes) {
            byte[] frame = new byte[Math.min(frameBytes, pcm.length - off)];
            System.arraycopy(pcm, off, frame, 0, frame.length);
            send(0x10, frame);
        }
    }

    String id() {
        return callId.toString();
    }

    /** The next frame, or fails the test after the timeout. */
    Frame next(Duration timeout) throws InterruptedException {
        Frame frame = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the server within " + timeout);
        }
        return frame;
    }

    /** Skips audio until a non-audio frame or the end of the stream arrives, and returns it. */
    Frame nextNonAudio(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame f = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.isEof() || f.kind() < 0x10 || f.kind() > 0x18) {
                return f;
            }
        }
    }

    /** Skips silence until a frame with sound arrives. */
    Frame nextSound(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame f = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f.isEof() || !f.isSilence()) {
                return f;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
