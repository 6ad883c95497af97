package io.lantian.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stations a benchmark registers before its load: {@code count} provincial stations with ids
 * {@code PREFIX-0000} …, each measuring the six pollutants, 20 per district and 5 per township, imported through
 * the admin CSV import ({@code POST /api/v1/admin/stations:import}) as an operator would.
 */
record BenchStations(String prefix, int count) {

    static final List<String> POLLUTANTS = List.of("PM2_5", "PM10", "SO2", "NO2", "CO", "O3");

    BenchStations {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("1 to 10 000 stations (ids have four digits): " + count);
        }
    }

    String id(int s) {
        return String.format(Locale.ROOT, "%s-%04d", prefix, s);
    }

    String regionId(int s) {
        return String.format(Locale.ROOT, "bench-d%03d", s / 20);
    }

    String township(int s) {
        return "t" + s % 20 / 5;
    }

    /** Every station with every pollutant, station by station. */
    List<ReadingBatches.Pair> pairs() {
        List<ReadingBatches.Pair> pairs = new ArrayList<>(count * POLLUTANTS.size());
        for (int s = 0; s < count; s++) {
            for (String pollutant : POLLUTANTS) {
                pairs.add(new ReadingBatches.Pair(id(s), pollutant));
            }
        }
        return pairs;
    }

    String csv() {
        StringBuilder csv = new StringBuilder("stationId,name,stationClass,regionId,township,latitude,longitude,pollutants,hj212Mn,hj212Password\n");
        for (int s = 0; s < count; s++) {
            csv.append(id(s)).append(",bench ").append(s).append(",PROVINCIAL,").append(regionId(s)).append(',')
                    .append(township(s)).append(",34.8,112.4,").append(String.join("|", POLLUTANTS)).append(",,\n");
        }
        return csv.toString();
    }

    /** Imports the stations into alert-ingest at {@code ingestUrl}; fails unless every one was imported. */
    void importInto(String ingestUrl, String adminToken) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ingestUrl + "/api/v1/admin/stations:import"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2 || !response.body().contains("\"imported\":" + count)) {
            throw new IllegalStateException("station import failed: " + response.statusCode() + " " + response.body());
        }
    }

    String describe() {
        return count + " stations " + id(0) + " … " + id(count - 1) + " (PROVINCIAL, " + POLLUTANTS.size()
                + " pollutants each, " + (count + 19) / 20 + " districts of 20, townships of 5)";
    }
}
