package dev.doorman.server.pipeline.stt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} request body (RFC 7578) built in memory. */
final class MultipartFormBody {
    private final String boundary = "doorman-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    MultipartFormBody field(String name, String value) {
        part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    MultipartFormBody file(String name, String fileName, String contentType, byte[] content) {
        part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        write(content);
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 64);
        out.writeBytes(body.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private void part(String headers) {
        write(("--" + boundary + "\r\n" + headers).getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        body.writeBytes(bytes);
    }
}
