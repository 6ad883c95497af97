package io.lantian.dispatch.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An enterprise's webhook endpoint for the tests: a real HTTP server on 127.0.0.1 that records every request
 * and answers as the test scripts it. Public for the features that act on delivery (escalation's reminders).
 */
public final class RecordingReceiver implements AutoCloseable {

    /** One request as received: arrival time, lower-case headers, raw body. */
    public record Received(Instant at, Map<String, String> headers, byte[] body) {

        public String id() {
            return headers.get("webhook-id");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** @param trickle when set, the body is sent one byte at a time with this pause before each (a slow peer) */
    public record Answer(int status, Map<String, String> headers, String body, Duration trickle) {

        public Answer(int status, Map<String, String> headers, String body) {
            this(status, headers, body, null);
        }

        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }

        public static Answer trickling(int status, String body, Duration pause) {
            return new Answer(status, Map.of(), body, pause);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Counted down on close: ends the pauses of trickling answers. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<Received, Answer> answers = r -> Answer.of(200, "{\"received\":true}");

    public RecordingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/hooks/orders", this::handle);
        server.setExecutor(threads); // concurrent requests are handled concurrently
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/orders";
    }

    /** How to answer from now on; the function may block (e.g. on a latch) to hold a request. */
    public RecordingReceiver answering(Function<Received, Answer> answers) {
        this.answers = answers;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String webhookId) {
        return received.stream().filter(r -> webhookId.equals(r.id())).toList();
    }

    /** The most requests that were being answered at the same moment. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            Received request = new Received(Instant.now(), Map.copyOf(headers), exchange.getRequestBody().readAllBytes());
            received.add(request);
            Answer answer = answers.apply(request);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.trickle() != null) {
                trickle(exchange, answer.status(), body, answer.trickle());
                return;
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Headers at once, then the body byte by byte (chunked), until it is all sent, the client leaves or we close. */
    private void trickle(HttpExchange exchange, int status, byte[] body, Duration pause) throws IOException {
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : body) {
                if (closing.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                out.write(b);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    static List<String> ids(List<Received> requests) {
        return new ArrayList<>(requests.stream().map(Received::id).toList());
    }
}
