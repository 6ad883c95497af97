package io.lantian.bench;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** What every benchmark main needs: ports, its data directory, the machine's description, progress lines. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** Free loopback ports (closed again before they are returned). */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Clears the data directory of an earlier run of the same benchmark; refuses a non-empty directory that is
     * not one (it carries no marker), so a mistyped --dir never deletes someone's files.
     */
    static void recreate(Path dir, String benchmark) {
        Path marker = dir.resolve("." + benchmark + "-benchmark");
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent() && !Files.exists(marker)) {
                        throw new IllegalArgumentException(dir + " is not empty and not an earlier benchmark's: choose another --dir");
                    }
                }
                delete(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(marker, "data of bench/run-" + benchmark + ".sh; removed at its next start\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments from /proc (ProcessHandle.Info leaves them out when the command line is long). */
    /** The broker's process (a child of this JVM, started by {@code LocalBroker}), or -1. */
    static long brokerPid() {
        return ProcessHandle.current().children()
                .filter(p -> commandLine(p.pid()).contains("kafka.Kafka"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    static List<String> commandLine(long pid) {
        try {
            return List.of(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    static String jvmArgs() {
        return String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * Waits for a benchmark's set-up (e.g. imported stations known to a service) with Awaitility, polling
     * {@code done} every 200 ms.
     *
     * @throws IllegalStateException with {@code failure} when it is not done within {@code seconds}
     */
    static void awaitSetUp(long seconds, Callable<Boolean> done, String failure) {
        try {
            Awaitility.await(failure).atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(200)).until(done);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(failure, e);
        }
    }

    /** Progress goes to stderr; stdout carries the report. */
    static void progress(String text) {
        System.err.println("[bench] " + text);
    }
}
