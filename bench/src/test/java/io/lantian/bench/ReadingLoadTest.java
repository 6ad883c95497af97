package io.lantian.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lantian.common.json.EventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The lean HTTP sender against a real HTTP server (the JDK's) that checks each request and answers as scripted. */
class ReadingLoadTest {

    private static final Map<String, String> HEADERS = Map.of("Authorization", "Bearer t0k", "Content-Type", "application/json");

    private HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** The answer for a request with n readings: status, body, chunked or not, and whether to close afterwards. */
    private volatile IntFunction<Scripted> answers = n -> new Scripted(202, counts(n, 0), false, false);
    private final Set<String> readingKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger badRequests = new AtomicInteger();

    record Scripted(int status, String body, boolean chunked, boolean close) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/api/v1/readings", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        int n = 0;
        try {
            var readings = EventJson.mapper().readTree(body).get("readings");
            n = readings.size();
            for (var r : readings) {
                readingKeys.add(r.get("stationId").asString() + "/" + r.get("pollutant").asString() + "/"
                        + r.get("periodEnd").asString() + "/" + r.get("averaging").asString());
            }
        } catch (RuntimeException e) {
            badRequests.incrementAndGet();
        }
        if (!"Bearer t0k".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                || !"POST".equals(exchange.getRequestMethod())) {
            badRequests.incrementAndGet();
        }
        Scripted answer = answers.apply(n);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.close()) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), answer.chunked() ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String counts(int accepted, int rejected) {
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < accepted + rejected; i++) {
            results.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"status\":\"ACCEPTED\"}");
        }
        return "{\"accepted\":" + accepted + ",\"rejected\":" + rejected + ",\"results\":[" + results + "]}";
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/readings");
    }

    private static ReadingBatches batches() {
        return new ReadingBatches(IngestBenchmark.stations(600).pairs(), Instant.parse("2026-11-29T08:00:00Z"), Duration.ofDays(29));
    }

    @Test
    void resultLineRoundTrips() {
        ReadingLoad.Result result = new ReadingLoad.Result(400_000, 0, 800, 20.0, 150, 420, 900,
                Map.of(429, 3L, 503, 1L), 2, 5, 404_000, 11.5);

        ReadingLoad.Result parsed = ReadingLoad.Result.parse(result.line());

        assertThat(parsed).isEqualTo(result);
        assertThat(parsed.readingsPerSecond()).isEqualTo(20_000);
        assertThat(parsed.errors()).isEqualTo(11);
    }

    @Test
    void postsOverOneConnectionAndReadsTheCountsFromFixedLengthAndChunkedAnswers() throws IOException {
        ReadingBatches.Body body = new ReadingBatches.Body();
        try (KeepAliveConnection connection = new KeepAliveConnection(url(), HEADERS)) {
            for (int i = 0; i < 6; i++) {
                boolean chunked = i % 2 == 1;
                answers = n -> new Scripted(202, counts(n - 2, 2), chunked, false);
                body.write(batches(), i * 500L, 500);

                KeepAliveConnection.Answer answer = connection.post(body.bytes(), body.start(), body.length());

                assertThat(answer).isEqualTo(new KeepAliveConnection.Answer(202, 498, 2));
            }
        }
        assertThat(requests).hasValue(6);
        assertThat(badRequests).hasValue(0);
        assertThat(readingKeys).hasSize(3000);
    }

    @Test
    void reconnectsAfterConnectionCloseAndReportsOtherStatusesWithoutCounts() throws IOException {
        ReadingBatches.Body body = new ReadingBatches.Body();
        try (KeepAliveConnection connection = new KeepAliveConnection(url(), HEADERS)) {
            answers = n -> new Scripted(202, counts(n, 0), false, true);
            body.write(batches(), 0, 10);
            assertThat(connection.post(body.bytes(), body.start(), body.length()))
                    .isEqualTo(new KeepAliveConnection.Answer(202, 10, 0));

            answers = n -> new Scripted(503, "{\"type\":\"about:blank\",\"status\":503}", false, false);
            body.write(batches(), 10, 10);
            assertThat(connection.post(body.bytes(), body.start(), body.length()))
                    .isEqualTo(new KeepAliveConnection.Answer(503, -1, -1));
        }
        assertThat(requests).hasValue(2);
        assertThat(badRequests).hasValue(0);
    }

    @Test
    void theLoadCountsAcceptedReadingsAndAnswersWithAShortCount() throws InterruptedException {
        AtomicInteger answered = new AtomicInteger();
        // every third answer accepts one reading fewer than were sent; Tomcat-like closes every fifth
        answers = n -> {
            int k = answered.incrementAndGet();
            return new Scripted(202, k % 3 == 0 ? counts(n - 1, 1) : counts(n, 0), k % 2 == 0, k % 5 == 0);
        };

        ReadingLoad.Result result = ReadingLoad.run(url(), "t0k", batches(), 2, 100, 0.2, 0.8, 1_000);

        assertThat(result.requests()).isPositive();
        assertThat(result.ioErrors()).isZero();
        assertThat(result.errorsByStatus()).isEmpty();
        assertThat(result.mismatched()).isPositive().isLessThan(result.requests());
        assertThat(result.accepted() + result.rejected()).isEqualTo(result.requests() * 100);
        assertThat(result.rejected()).isEqualTo(result.mismatched());
        assertThat(badRequests).hasValue(0);
        assertThat(readingKeys).hasSize(requests.get() * 100);   // every reading its own natural key
    }
}
