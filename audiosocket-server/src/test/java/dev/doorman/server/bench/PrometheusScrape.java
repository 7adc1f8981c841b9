package dev.doorman.server.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads single values out of a Prometheus text exposition (the server's admin {@code /metrics}). */
final class PrometheusScrape {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    PrometheusScrape(int adminPort) {
        this.uri = URI.create("http://127.0.0.1:" + adminPort + "/metrics");
    }

    String fetch() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /**
     * Sum of every sample of {@code name} whose label set contains {@code labelFilter} (e.g.
     * {@code area="heap"}; empty matches all); NaN when there is none.
     */
    static double sum(String exposition, String name, String labelFilter) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String metric = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (!metric.equals(name) || !series.contains(labelFilter)) {
                continue;
            }
            total += Double.parseDouble(line.substring(space + 1));
            found = true;
        }
        return found ? total : Double.NaN;
    }
}
