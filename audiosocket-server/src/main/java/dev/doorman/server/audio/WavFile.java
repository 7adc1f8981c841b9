package dev.doorman.server.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A mono 16-bit PCM WAV file: the only format that travels over AudioSocket without conversion.
 * Reading rejects anything else with a message that says what the file is and what is expected.
 */
public final class WavFile {
    private static final int MAX_CHUNKS = 64;

    private final int sampleRate;
    private final byte[] pcm;

    /** @param pcm signed 16-bit little-endian mono samples */
    public WavFile(int sampleRate, byte[] pcm) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("16-bit PCM must have an even byte count: " + pcm.length);
        }
        this.sampleRate = sampleRate;
        this.pcm = pcm;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Signed 16-bit little-endian mono samples (not copied). */
    public byte[] pcm() {
        return pcm;
    }

    public double durationMs() {
        return pcm.length / 2 * 1000.0 / sampleRate;
    }

    public static WavFile read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
    }

    /** @param name used in error messages only */
    public static WavFile read(InputStream in, String name) throws IOException {
        byte[] all = in.readAllBytes();
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 12 || !tag(buf, 0).equals("RIFF") || !tag(buf, 8).equals("WAVE")) {
            throw new WavFormatException(name + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        Integer rate = null;
        for (int chunks = 0; pos + 8 <= all.length && chunks < MAX_CHUNKS; chunks++) {
            String id = tag(buf, pos);
            long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > all.length) {
                    throw new WavFormatException(name + ": truncated fmt chunk");
                }
                int format = Short.toUnsignedInt(buf.getShort(body));
                int channels = Short.toUnsignedInt(buf.getShort(body + 2));
                int sr = buf.getInt(body + 4);
                int bits = Short.toUnsignedInt(buf.getShort(body + 14));
                boolean pcmFormat = format == 1 || (format == 0xFFFE && size >= 26
                        && Short.toUnsignedInt(buf.getShort(body + 24)) == 1);
                if (!pcmFormat || channels != 1 || bits != 16) {
                    throw new WavFormatException(String.format(
                            "%s: %s, %d channel(s), %d-bit at %d Hz; expected 16-bit PCM mono "
                                    + "(convert with: sox in.wav -r 8000 -c 1 -b 16 -e signed-integer out.wav)",
                            name, format == 1 ? "PCM" : "format 0x" + Integer.toHexString(format),
                            channels, bits, sr));
                }
                rate = sr;
            } else if (id.equals("data")) {
                if (rate == null) {
                    throw new WavFormatException(name + ": data chunk before fmt chunk");
                }
                // Streams written live (e.g. by sox to a pipe) leave the size at 0 or 0xFFFFFFFF.
                long available = all.length - body;
                long length = size == 0 || size > available ? available : size;
                length -= length % 2;
                byte[] pcm = new byte[(int) length];
                System.arraycopy(all, body, pcm, 0, pcm.length);
                return new WavFile(rate, pcm);
            }
            pos = (int) Math.min(all.length, body + size + (size & 1));
        }
        throw new WavFormatException(name + ": no data chunk");
    }

    public void write(Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            write(out);
        }
    }

    public void write(OutputStream out) throws IOException {
        out.write(header(sampleRate, pcm.length));
        out.write(pcm);
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + pcm.length);
        try {
            write(out);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return out.toByteArray();
    }

    /** A 44-byte canonical header for {@code dataBytes} of 16-bit mono PCM. */
    public static byte[] header(int sampleRate, int dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return h.array();
    }

    private static String tag(ByteBuffer buf, int at) {
        byte[] b = new byte[4];
        buf.get(at, b);
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** The file is not a WAV we can play or stream. */
    public static final class WavFormatException extends IOException {
        public WavFormatException(String message) {
            super(message);
        }
    }
}
