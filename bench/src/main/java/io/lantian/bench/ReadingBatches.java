package io.lantian.bench;

import io.lantian.common.json.EventJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JSON bodies for {@code POST /api/v1/readings} whose readings all have distinct natural keys
 * (station + pollutant + period end + averaging), so nothing the benchmark sends is a duplicate downstream.
 *
 * <p>Reading number {@code i} is: station-pollutant pair {@code i % pairs}, then the minute going back from
 * {@code base} ({@code (i / pairs) % minutes}), then the averaging period ({@code i / (pairs * minutes)}). Period
 * ends stay between {@code base} and {@code base - minutes}: inside the service's 30-day window, never ahead.
 */
public final class ReadingBatches {

    public record Pair(String stationId, String pollutant) {
    }

    static final List<String> AVERAGING = List.of("PT1M", "PT5M", "PT10M", "PT15M", "PT30M", "PT1H");

    private final List<Pair> pairs;
    private final Instant base;
    private final int minutes;

    public ReadingBatches(List<Pair> pairs, Instant base, Duration span) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no station-pollutant pairs");
        }
        this.pairs = List.copyOf(pairs);
        this.base = base.truncatedTo(ChronoUnit.MINUTES);
        this.minutes = (int) span.toMinutes();
    }

    /** The demo stations of the {@code local} profile, each with every pollutant it measures. */
    public static List<Pair> demoPairs() {
        try (InputStream in = ReadingBatches.class.getResourceAsStream("/demo/mengjin-stations.json")) {
            if (in == null) {
                throw new IllegalStateException("demo/mengjin-stations.json (alert-ingest) is not on the class path");
            }
            List<Pair> pairs = new ArrayList<>();
            for (JsonNode station : EventJson.mapper().readTree(in)) {
                for (JsonNode pollutant : station.get("pollutants")) {
                    pairs.add(new Pair(station.get("stationId").asString(), pollutant.asString()));
                }
            }
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many readings have distinct keys; beyond it keys repeat (still valid, but duplicates downstream). */
    public long capacity() {
        return (long) pairs.size() * minutes * AVERAGING.size();
    }

    /** The natural key of reading {@code i}, as the service forms it. */
    public String key(long i) {
        Pair pair = pairs.get((int) (i % pairs.size()));
        return pair.stationId() + "/" + pair.pollutant() + "/" + periodEnd(i) + "/" + averaging(i);
    }

    /** A request body with readings {@code from}, {@code from + 1}, … {@code from + count - 1}. */
    public String body(long from, int count) {
        StringBuilder json = new StringBuilder(count * 140).append("{\"readings\":[");
        for (long i = from; i < from + count; i++) {
            Pair pair = pairs.get((int) (i % pairs.size()));
            boolean co = pair.pollutant().equals("CO");
            if (i > from) {
                json.append(',');
            }
            json.append("{\"stationId\":\"").append(pair.stationId())
                    .append("\",\"pollutant\":\"").append(pair.pollutant())
                    .append("\",\"value\":").append(co ? String.format(Locale.ROOT, "%.1f", 0.5 + (i % 20) / 10.0) : Long.toString(20 + i % 300))
                    .append(",\"unit\":\"").append(co ? "mg/m³" : "µg/m³")
                    .append("\",\"periodEnd\":\"").append(periodEnd(i))
                    .append("\",\"averaging\":\"").append(averaging(i))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    Instant periodEnd(long i) {
        long minute = (i / pairs.size()) % minutes;
        return base.minus(minute, ChronoUnit.MINUTES);
    }

    String averaging(long i) {
        return AVERAGING.get((int) ((i / pairs.size() / minutes) % AVERAGING.size()));
    }
}
