package dev.doorman.server.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A small server on 127.0.0.1 that speaks the OpenAI API ({@code /v1/audio/transcriptions},
 * {@code /v1/audio/speech}, {@code /v1/chat/completions}) for the HTTP engines' tests. Each test
 * sets how it answers (a status, headers, a body, a stall before or in the body) and reads back the
 * requests it received.
 */
public final class OpenAiCompatibleServer implements AutoCloseable {

    /**
     * What the server answers.
     *
     * @param stalls      send nothing until the server closes (the client must time out)
     * @param stallsBody  send the status and headers and half the body, then nothing more
     * @param headers     extra response headers (e.g. {@code Retry-After})
     */
    public record Answer(int status, String contentType, byte[] body, boolean stalls, boolean stallsBody,
                         Map<String, String> headers) {
        public static Answer json(String json) {
            return new Answer(200, "application/json", json.getBytes(StandardCharsets.UTF_8), false, false, Map.of());
        }

        public static Answer bytes(String contentType, byte[] body) {
            return new Answer(200, contentType, body, false, false, Map.of());
        }

        public static Answer status(int status, String body) {
            return new Answer(status, "application/json", body.getBytes(StandardCharsets.UTF_8), false, false, Map.of());
        }

        /** Never answers until the server closes (the client must time out). */
        public static Answer stall() {
            return new Answer(0, null, new byte[0], true, false, Map.of());
        }

        /** This answer with the status line and headers sent, then the body stuck halfway. */
        public Answer stallingBody() {
            return new Answer(status, contentType, body, false, true, headers);
        }

        /** This answer with one more header. */
        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, contentType, body, stalls, stallsBody, more);
        }
    }

    /** A request as received; {@code parts} holds multipart form fields (name -> part). */
    public record Received(String method, String path, Map<String, List<String>> headers, byte[] body,
                           Map<String, Part> parts) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public record Part(String name, String fileName, String contentType, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Function<Received, Answer> answers = r -> Answer.status(404, "{\"error\":\"no answer set\"}");

    public OpenAiCompatibleServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(Function<Received, Answer> answers) {
        this.answers = answers;
    }

    public void answer(Answer answer) {
        this.answers = r -> answer;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers, body, multipart(contentType, body));
        received.add(request);
        Answer answer = answers.apply(request);
        if (answer.stalls()) {
            awaitClose();
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (answer.stallsBody()) {
                out.write(answer.body(), 0, answer.body().length / 2);
                out.flush();
                awaitClose();
                return;
            }
            out.write(answer.body());
        }
    }

    private void awaitClose() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Minimal RFC 7578 parser: enough to check what the client sent. */
    static Map<String, Part> multipart(String contentType, byte[] body) {
        Map<String, Part> parts = new LinkedHashMap<>();
        if (contentType == null || !contentType.startsWith("multipart/form-data")) {
            return parts;
        }
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        String all = new String(body, StandardCharsets.ISO_8859_1); // byte-preserving
        int pos = all.indexOf(boundary);
        while (pos >= 0) {
            int start = pos + boundary.length();
            if (all.startsWith("--", start)) {
                break;
            }
            int next = all.indexOf("\r\n" + boundary, start);
            if (next < 0) {
                break;
            }
            String part = all.substring(start + 2, next);
            int split = part.indexOf("\r\n\r\n");
            String head = part.substring(0, split);
            byte[] content = part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
            String name = attr(head, "name");
            String fileName = attr(head, "filename");
            String type = null;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).strip();
                }
            }
            parts.put(name, new Part(name, fileName, type, content));
            pos = next + 2;
        }
        return parts;
    }

    private static String attr(String head, String attr) {
        String key = "; " + attr + "=\"";
        int i = head.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        return head.substring(start, head.indexOf('"', start));
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
