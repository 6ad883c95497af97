package io.lantian.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time from Linux {@code /proc}, to say where a benchmark's cores went: this JVM (the service), the children
 * it has reaped (the client JVMs), the broker, PostgreSQL, and the whole machine (which includes whatever else
 * runs on it). All values in seconds; {@code NaN} where {@code /proc} is not readable.
 */
final class ProcCpu {

    private static final double TICKS_PER_SECOND = ticksPerSecond();

    record Sample(long nanoTime, double machineBusy, double self, double reapedChildren, double broker, double postgres) {

        Sample minus(Sample earlier) {
            return new Sample(nanoTime - earlier.nanoTime, machineBusy - earlier.machineBusy, self - earlier.self,
                    reapedChildren - earlier.reapedChildren, broker - earlier.broker, postgres - earlier.postgres);
        }

        double wallSeconds() {
            return nanoTime / 1e9;
        }
    }

    private ProcCpu() {
    }

    static Sample sample(long brokerPid) {
        long self = ProcessHandle.current().pid();
        double[] own = process(self);
        double postgres = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .mapToDouble(p -> process(p.pid())[0]).sum();
        return new Sample(System.nanoTime(), machineBusy(), own[0], own[1], process(brokerPid)[0], postgres);
    }

    /** {@code [utime + stime, cutime + cstime]} of a process, in seconds. */
    static double[] process(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": f[0] is field 3 (state); utime, stime, cutime, cstime are fields 14–17
            return new double[] {(Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND,
                    (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /** Busy CPU seconds of the whole machine, all cores (user, nice, system, irq, softirq, steal). */
    static double machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** This process's resident set size, from /proc/self/status (0 where there is no /proc). */
    static long rssKiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /**
     * CPU seconds of this JVM's threads, summed by thread group: the thread's name ({@code /proc/self/task/*}/comm,
     * cut by Linux to 15 characters) without its trailing number, so the 64 {@code webhook-sender-N} threads count
     * as one group. Threads that ended between two samples are missing from the later one: compare groups of
     * long-lived threads only.
     */
    static Map<String, Double> threadGroups() {
        Map<String, Double> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[-#_ ]?\\d+$", "");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                    groups.merge(name, seconds, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return groups;
    }

    /** The groups that took CPU between two {@link #threadGroups()} samples, most first, with their seconds. */
    static List<Map.Entry<String, Double>> threadGroupsBetween(Map<String, Double> before, Map<String, Double> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .toList();
    }

    static String loadAverage() {
        try {
            List<String> parts = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" "));
            return String.join(" ", parts.subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
