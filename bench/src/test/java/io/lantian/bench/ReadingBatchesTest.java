package io.lantian.bench;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.ingest.reading.ReadingSubmission;
import io.lantian.ingest.reading.ReadingValidator;
import io.lantian.ingest.station.Station;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the benchmark sends must be what the service accepts, or "accepted readings/s" would measure rejections. */
class ReadingBatchesTest {

    private static final Instant BASE = Instant.parse("2026-11-29T08:00:00Z");
    /** What the benchmark registers and sends from by default. */
    private static final BenchStations STATIONS = IngestBenchmark.stations(600);
    private static final long PAIRS = 600L * 6;

    @Test
    void everyReadingOfEightBatchesPassesTheServiceValidatorWithItsOwnKey() throws Exception {
        ReadingBatches batches = new ReadingBatches(STATIONS.pairs(), BASE, Duration.ofDays(29));
        ReadingValidator validator = new ReadingValidator(benchStations(), Duration.ofMinutes(5), Duration.ofDays(30));
        Set<String> stationsSeen = new HashSet<>();

        // eight batches of 500 in a row cover all 3 600 station-pollutant pairs
        for (long from = 123_456; from < 123_456 + 8 * 500; from += 500) {
            JsonNode readings = EventJson.mapper().readTree(batches.body(from, 500)).get("readings");
            assertThat(readings.size()).isEqualTo(500);
            for (int i = 0; i < 500; i++) {
                JsonNode r = readings.get(i);
                ReadingSubmission submission = new ReadingSubmission(r.get("stationId").asString(),
                        r.get("pollutant").asString(), r.get("value").asDouble(), r.get("unit").asString(),
                        r.get("periodEnd").asString(), r.get("averaging").asString(), List.of());
                ReadingValidator.Outcome outcome = validator.validate(submission, ReadingAccepted.Source.HTTP, BASE.plusSeconds(60));
                assertThat(outcome).as("reading %d: %s", from + i, r).isInstanceOf(ReadingValidator.Accepted.class);
                assertThat(((ReadingValidator.Accepted) outcome).reading().readingId()).isEqualTo(batches.key(from + i));
                stationsSeen.add(submission.stationId());
            }
        }
        assertThat(stationsSeen).hasSize(600);
    }

    @Test
    void naturalKeysAreDistinctAcrossBatchesAndPeriodEndsStayInTheWindow() {
        ReadingBatches batches = new ReadingBatches(STATIONS.pairs(), BASE, Duration.ofDays(29));
        assertThat(batches.capacity()).isEqualTo(PAIRS * 29 * 24 * 60 * 6); // 600 stations × 6 pollutants

        Set<String> keys = new HashSet<>();
        // across the wrap from one minute to the next and from one averaging period to the next
        long wrap = PAIRS * 29 * 24 * 60;
        for (long i : new long[] {0, wrap - 100_000}) {
            for (long k = i; k < i + 100_000; k++) {
                assertThat(keys.add(batches.key(k))).as("key %d", k).isTrue();
                assertThat(batches.periodEnd(k)).isBetween(BASE.minus(Duration.ofDays(29)), BASE);
            }
        }
    }

    /** The byte template writes exactly the text the readings are defined by (formatted the plain way here). */
    @Test
    void theByteTemplateWritesThePlainlyFormattedText() {
        ReadingBatches batches = new ReadingBatches(STATIONS.pairs(), BASE, Duration.ofDays(29));
        List<ReadingBatches.Pair> pairs = STATIONS.pairs();
        ReadingBatches.Body body = new ReadingBatches.Body();   // reused, as a sender does
        long wrap = PAIRS * 29 * 24 * 60;
        for (long from : new long[] {0, 123_456, wrap - 250, 5 * wrap + 17, 6 * wrap - 1}) {
            for (int count : new int[] {500, 1, 37}) {
                body.write(batches, from, count);
                String written = new String(body.bytes(), body.start(), body.length(), StandardCharsets.UTF_8);
                assertThat(written).as("from %d, %d readings", from, count).isEqualTo(plain(batches, pairs, from, count));
                assertThat(batches.body(from, count)).isEqualTo(written);
            }
        }
    }

    private static String plain(ReadingBatches batches, List<ReadingBatches.Pair> pairs, long from, int count) {
        StringBuilder json = new StringBuilder("{\"readings\":[");
        for (long i = from; i < from + count; i++) {
            ReadingBatches.Pair pair = pairs.get((int) (i % pairs.size()));
            boolean co = pair.pollutant().equals("CO");
            json.append(i > from ? "," : "").append("{\"stationId\":\"").append(pair.stationId())
                    .append("\",\"pollutant\":\"").append(pair.pollutant())
                    .append("\",\"value\":").append(co ? String.format(Locale.ROOT, "%.1f", 0.5 + (i % 20) / 10.0) : Long.toString(20 + i % 300))
                    .append(",\"unit\":\"").append(co ? "mg/m³" : "µg/m³")
                    .append("\",\"periodEnd\":\"").append(batches.periodEnd(i))
                    .append("\",\"averaging\":\"").append(batches.averaging(i))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    /**
     * The stations as the admin import registers them from {@link BenchStations#csv()}: parsed here field by field
     * the way the import reads its columns (the import's parser is not public).
     */
    private static Function<String, Optional<Station>> benchStations() {
        Map<String, Station> byId = STATIONS.csv().lines().skip(1).map(line -> line.split(",", -1))
                .map(f -> new Station(f[0], f[1], StationClass.valueOf(f[2]), f[3], f[4], Double.parseDouble(f[5]),
                        Double.parseDouble(f[6]), Arrays.stream(f[7].split("\\|")).map(Pollutant::valueOf)
                        .collect(Collectors.toSet()), false, null, null, Map.of()))
                .collect(Collectors.toMap(Station::stationId, s -> s));
        assertThat(byId).hasSize(600);
        return id -> Optional.ofNullable(byId.get(id));
    }

    @Test
    void theStationsKeysSpreadEvenlyOverTheSixPartitions() {
        int[] perPartition = new int[6];
        for (int s = 0; s < STATIONS.count(); s++) {
            perPartition[BuiltInPartitioner.partitionForKey(STATIONS.id(s).getBytes(StandardCharsets.UTF_8), 6)]++;
        }
        // an even spread is 100 each; the 13 demo stations put 34 % of the readings on one partition
        assertThat(Arrays.stream(perPartition).boxed().toList()).as("stations per partition").allSatisfy(n -> assertThat(n).isBetween(80, 120));
    }
}
