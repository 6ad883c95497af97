package io.lantian.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child JVM of {@link DispatchBenchmark}: {@code servers} JDK {@link HttpServer}s on loopback, each taking POSTs on
 * any path (one path per enterprise), as a Standard Webhooks receiver does it: verify the signature on the raw
 * body (secret from {@code BENCH_WEBHOOK_SECRET}), refuse with 401 when it does not match, remember the
 * {@code webhook-id}, answer 204. Prints {@code READY port,port,…}; {@code FIRST <epoch ms>} at the first
 * distinct id; {@code REACHED <epoch ms>} when {@code target} distinct ids have arrived; answers a {@code stats}
 * line on stdin with {@code STATS distinct requests unauthorized bodyBytes}.
 *
 * <p>Args: {@code servers threads target}.
 */
public final class WebhookReceivers {

    private static final Set<String> ids = ConcurrentHashMap.newKeySet();
    private static final AtomicLong requests = new AtomicLong();
    private static final AtomicLong unauthorized = new AtomicLong();
    private static final AtomicLong bodyBytes = new AtomicLong();
    private static final AtomicLong signedBodies = new AtomicLong();
    private static volatile boolean reached;
    private static byte[] key;
    private static int target;

    private WebhookReceivers() {
    }

    public static void main(String[] args) throws Exception {
        int servers = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        target = Integer.parseInt(args[2]);
        String secret = System.getenv("BENCH_WEBHOOK_SECRET");
        key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.createContext("/", WebhookReceivers::handle);
            server.setExecutor(pool);
            server.start();
            ports.add(Integer.toString(server.getAddress().getPort()));
        }
        System.out.println("READY " + String.join(",", ports));
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("stats")) {
                    long signed = signedBodies.get();
                    System.out.println("STATS " + ids.size() + " " + requests.get() + " " + unauthorized.get() + " "
                            + (signed == 0 ? 0 : bodyBytes.get() / signed));
                    System.out.flush();
                } else if (line.equals("quit")) {
                    break;
                }
            }
        }
        System.exit(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        requests.incrementAndGet();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        int status = 204;
        if (!verify(id, timestamp, signatures, body)) {
            unauthorized.incrementAndGet();
            status = 401;
        } else if (ids.add(id)) {
            bodyBytes.addAndGet(body.length);
            signedBodies.incrementAndGet();
            int n = ids.size();
            if (n == 1) {
                say("FIRST " + System.currentTimeMillis());
            }
            if (n >= target && !reached) {
                synchronized (WebhookReceivers.class) {
                    if (!reached) {
                        reached = true;
                        say("REACHED " + System.currentTimeMillis());
                    }
                }
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static boolean verify(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 300) {
            return false;
        }
        byte[] expected = Base64.getEncoder().encode(sign(key, id, timestamp, body));
        for (String candidate : signatures.split(" ")) {
            if (candidate.startsWith("v1,") && MessageDigest.isEqual(
                    candidate.substring(3).getBytes(StandardCharsets.US_ASCII), expected)) {
                return true;
            }
        }
        return false;
    }

    static byte[] sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
