package io.lantian.ingest.hj212;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.lantian.ingest.hj212.Hj212Samples.qn;
import static io.lantian.ingest.hj212.Hj212Samples.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transport on its own: the real server on a real loopback port with real sockets, each test with the
 * limits it exercises. The handler answers every packet that asks (9014) and counts everything else as a
 * defect, which is all these tests need; the receiver behind it is tested in {@link Hj212ReceiverTest}.
 */
class Hj212ServerTest {

    static final Hj212Limits DEFAULTS = new Hj212Limits(16, 16, Duration.ofMinutes(5), Duration.ofSeconds(10), 1000, 1000, 16, 50, 2);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Hj212Server> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(Hj212Server::close);
    }

    static Hj212Server.Response answer(Hj212Decoded input, Hj212Session session) {
        if (input instanceof Hj212Frame frame && Hj212Parser.parse(frame.segment()) instanceof Hj212Packet packet) {
            return packet.wantsAnswer() ? Hj212Server.Response.reply(Hj212Replies.dataAnswer(packet, Hj212Codes.standard().edition(1)))
                    : Hj212Server.Response.NONE;
        }
        return Hj212Server.Response.DEFECT;
    }

    Hj212Server start(Hj212Limits limits, Hj212Server.Handler handler) {
        Hj212Server server = new Hj212Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, handler,
                new Hj212Metrics(meters), 4, Duration.ofMinutes(1));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        servers.add(server);
        return server;
    }

    static String packet(String qn, int flag) {
        return segment(qn, "2081", "pw", "MN1", flag, "RestartTime=20261129080000");
    }

    double disconnects(String reason) {
        var counter = meters.find("lantian_hj212_disconnects").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answersEachPacketInOrderOnItsConnection() {
        Hj212Server server = start(DEFAULTS, Hj212ServerTest::answer);
        String first = qn();
        String second = qn();
        String third = qn();
        try (Hj212TestClient client = new Hj212TestClient(server.port())) {
            client.send(Hj212Samples.concat(Hj212Frame.encode(packet(first, 5)), Hj212Frame.encode(packet(second, 4)),
                    Hj212Frame.encode(packet(third, 5))));

            assertThat(client.readFrame()).contains("QN=" + first + ";ST=91;CN=9014");
            assertThat(client.readFrame()).as("the Flag=4 packet is not answered").contains("QN=" + third + ";");
        }
    }

    /** A frame arriving in many TCP segments (here one byte per write) is reassembled. */
    @Test
    void reassemblesAFrameSentByteByByte() {
        Hj212Server server = start(DEFAULTS, Hj212ServerTest::answer);
        String qn = qn();
        try (Hj212TestClient client = new Hj212TestClient(server.port())) {
            for (byte b : Hj212Frame.encode(packet(qn, 5))) {
                client.send(new byte[]{b});
            }
            assertThat(client.readFrame()).contains("QN=" + qn);
        }
    }

    @Test
    void refusesConnectionsAboveTheLimitAndTakesNewOnesWhenOneCloses() {
        Hj212Server server = start(new Hj212Limits(2, 2, Duration.ofMinutes(5), Duration.ofSeconds(10), 100, 100, 16, 50, 2),
                Hj212ServerTest::answer);
        Hj212TestClient a = new Hj212TestClient(server.port());
        try (Hj212TestClient b = new Hj212TestClient(server.port())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 2);
            try (Hj212TestClient refused = new Hj212TestClient(server.port())) {
                assertThat(refused.closedByReceiverWithin(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(disconnects("too_many_from_address") + disconnects("too_many_connections")).isEqualTo(1);

            a.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 1);
            try (Hj212TestClient next = new Hj212TestClient(server.port())) {
                String qn = qn();
                assertThat(next.send(packet(qn, 5)).readFrame()).contains("QN=" + qn);
            }
            String qn = qn();
            assertThat(b.send(packet(qn, 5)).readFrame()).as("the open ones are still served").contains("QN=" + qn);
        }
    }

    @Test
    void oneAddressCannotTakeEverySlot() {
        Hj212Server server = start(new Hj212Limits(10, 1, Duration.ofMinutes(5), Duration.ofSeconds(10), 100, 100, 16, 50, 2),
                Hj212ServerTest::answer);
        try (Hj212TestClient first = new Hj212TestClient(server.port());
             Hj212TestClient second = new Hj212TestClient(server.port())) {
            assertThat(second.closedByReceiverWithin(Duration.ofSeconds(5))).isTrue();
            assertThat(disconnects("too_many_from_address")).isEqualTo(1);
            String qn = qn();
            assertThat(first.send(packet(qn, 5)).readFrame()).contains("QN=" + qn);
        }
    }

    @Test
    void closesASenderThatStallsInsideAFrame() {
        Hj212Server server = start(new Hj212Limits(16, 16, Duration.ofMinutes(5), Duration.ofMillis(500), 100, 100, 16, 50, 2),
                Hj212ServerTest::answer);
        byte[] frame = Hj212Frame.encode(packet(qn(), 5));
        try (Hj212TestClient slow = new Hj212TestClient(server.port())) {
            slow.send(java.util.Arrays.copyOf(frame, 40));

            assertThat(slow.closedByReceiverWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(disconnects("frame_timeout")).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    @Test
    void closesAnIdleConnectionButNotOneThatKeepsSending() {
        Hj212Server server = start(new Hj212Limits(16, 16, Duration.ofMillis(1500), Duration.ofSeconds(10), 100, 100, 16, 50, 2),
                Hj212ServerTest::answer);
        try (Hj212TestClient idle = new Hj212TestClient(server.port());
             Hj212TestClient busy = new Hj212TestClient(server.port())) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String qn = qn();
                assertThat(busy.send(packet(qn, 5)).readFrame()).contains("QN=" + qn);
                return disconnects("idle_timeout") == 1;
            });
            assertThat(idle.closedByReceiverWithin(Duration.ofSeconds(5))).isTrue();
            String qn = qn();
            assertThat(busy.send(packet(qn, 5)).readFrame()).as("still open").contains("QN=" + qn);
            assertThat(disconnects("idle_timeout")).isEqualTo(1);
        }
    }

    /**
     * Above its rate a connection is paced, not cut off: every packet is answered, no sooner than the rate
     * allows, and another connection is served meanwhile.
     */
    @Test
    void pacesAFloodWithoutLosingPacketsOrStallingOthers() {
        int perSecond = 20;
        int burst = 5;
        int packets = 45;
        Hj212Server server = start(new Hj212Limits(16, 16, Duration.ofMinutes(5), Duration.ofSeconds(10), perSecond, burst, 4, 50, 2),
                Hj212ServerTest::answer);
        List<String> qns = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            qns.add(qn());
            frames.add(Hj212Frame.encode(packet(qns.get(i), 5)));
        }
        try (Hj212TestClient flood = new Hj212TestClient(server.port());
             Hj212TestClient other = new Hj212TestClient(server.port())) {
            long start = System.nanoTime();
            flood.send(Hj212Samples.concat(frames.toArray(byte[][]::new)));

            String otherQn = qn();
            assertThat(other.send(packet(otherQn, 5)).readFrame()).contains("QN=" + otherQn);
            long otherAnswered = System.nanoTime();

            for (String qn : qns) {
                assertThat(flood.readFrame()).contains("QN=" + qn);
            }
            long elapsed = System.nanoTime() - start;
            assertThat(Duration.ofNanos(elapsed)).as("paced at %d/s after a burst of %d", perSecond, burst)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1000L * (packets - burst) / perSecond - 100));
            assertThat(otherAnswered).as("the other connection did not wait for the flood").isLessThan(start + elapsed);
            assertThat(meters.find("lantian_hj212_throttled").counter().count()).isPositive();
        }
    }

    @Test
    void closesAConnectionThatSendsOnlyGarbageAndGoesOnServingOthers() {
        Hj212Server server = start(new Hj212Limits(16, 16, Duration.ofMinutes(5), Duration.ofSeconds(10), 1000, 1000, 16, 10, 2),
                Hj212ServerTest::answer);
        byte[] garbage = new byte[200_000];
        new Random(9).nextBytes(garbage);
        try (Hj212TestClient noisy = new Hj212TestClient(server.port())) {
            try {
                noisy.send(garbage);
            } catch (UncheckedIOException closedWhileSending) {
                // the receiver may close before all of it is written
            }
            assertThat(noisy.closedByReceiverWithin(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(disconnects("too_many_defects")).isEqualTo(1);
        try (Hj212TestClient next = new Hj212TestClient(server.port())) {
            String qn = qn();
            assertThat(next.send(packet(qn, 5)).readFrame()).contains("QN=" + qn);
        }
    }

    @Test
    void aFailingHandlerCostsOnePacketNotTheConnection() {
        String poison = qn();
        Hj212Server server = start(DEFAULTS, (input, session) -> {
            if (input instanceof Hj212Frame f && new String(f.segment(), java.nio.charset.StandardCharsets.UTF_8).contains(poison)) {
                throw new IllegalStateException("a bug in the handler");
            }
            return answer(input, session);
        });
        try (Hj212TestClient client = new Hj212TestClient(server.port())) {
            String next = qn();
            client.send(packet(poison, 5)).send(packet(next, 5));
            assertThat(client.readFrame()).contains("QN=" + next);
        }
    }

    /** A client that sends but never reads cannot make the server buffer answers without limit. */
    @Test
    void closesAConnectionThatDoesNotReadItsAnswers() {
        byte[] bigAnswer = new byte[32 * 1024];
        Hj212Server server = start(new Hj212Limits(16, 16, Duration.ofMinutes(5), Duration.ofSeconds(10), 10_000, 10_000, 16, 50, 2),
                (input, session) -> Hj212Server.Response.reply(bigAnswer));
        byte[] request = Hj212Frame.encode(packet(qn(), 5));
        try (Hj212TestClient deaf = new Hj212TestClient(server.port())) {
            for (int i = 0; i < 2_000 && disconnects("write_backlog") == 0; i++) {
                try {
                    deaf.send(request);
                } catch (UncheckedIOException closed) {
                    break;
                }
            }
            // the socket stays open and unread until the receiver gives up on it
            await().atMost(Duration.ofSeconds(20)).until(() -> disconnects("write_backlog") == 1);
        }
    }

    @Test
    void reportsOpenConnectionsAsAGauge() {
        Hj212Server server = start(DEFAULTS, Hj212ServerTest::answer);
        try (Hj212TestClient a = new Hj212TestClient(server.port()); Hj212TestClient b = new Hj212TestClient(server.port())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("lantian_hj212_connections").gauge().value() == 2);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("lantian_hj212_connections").gauge().value() == 0);
        assertThat(disconnects("peer_closed")).isEqualTo(2);
    }
}
