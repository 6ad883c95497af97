package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.events.StationRegistered;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultTestSupport;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Townships roll up like districts, from the townships the station registry gives on aq.stations.v1: published to
 * aq.region-aqi.v1 as {@code <district>/<township>}, served by the API, shown as gauges — and never a reason for a
 * district warning proposal. Observed-pollution proposals are on in this context (the service's defaults).
 */
class TownshipAqiTest extends ConsultTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CHENGGUAN = "城关镇";
    static final String BAIHE = "白鹤镇";

    @LocalServerPort
    int port;
    @Autowired
    EventPublisher publisher;
    @Autowired
    JdbcClient jdbc;

    final String district = "district-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

    void register(String station, String township) throws Exception {
        publisher.publish(Topics.STATIONS, station, new StationRegistered(station, station, StationClass.TOWNSHIP, district,
                township, 34.8, 112.4, EnumSet.of(Pollutant.PM2_5), false)).get();
    }

    void send(String station, double pm25) throws Exception {
        publisher.publish(Topics.READINGS, station, new ReadingAccepted(
                ReadingAccepted.naturalKey(station, Pollutant.PM2_5, hour, Duration.ofHours(1)), station, district,
                Pollutant.PM2_5, pm25, "µg/m³", hour, Duration.ofHours(1), ReadingAccepted.Source.HTTP, List.of(),
                Instant.now())).get();
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void townshipsArePublishedServedAndShownButOpenNoDistrictProposal() throws Exception {
        register("CG1-" + district, CHENGGUAN);
        register("CG2-" + district, CHENGGUAN);
        register("BH1-" + district, BAIHE);
        register("NT1-" + district, null); // no township: counts for the district only
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from region_station where region_id = ?")
                .param(district).query(Integer.class).single() == 4);

        ApiClient api = ApiClient.onPort(port);
        try (TopicProbe probe = new TopicProbe(Topics.REGION_AQI.name())) {
            send("NT1-" + district, 40);
            send("CG1-" + district, 80);
            send("CG2-" + district, 100);
            // the district must never see 300 with fewer than all four (80, 100, 300 alone average 160: AQI 210)
            await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from station_reading where region_id = ?")
                    .param(district).query(Integer.class).single() == 3);
            send("BH1-" + district, 300);

            // 城关镇: mean 90 µg/m³ → HJ 633-2026 IAQI 100 + 50/55 × 30 = 127.3 → 128, from its two stations
            ConsumerRecord<String, String> chengguan = probe.awaitRecord(r -> (district + "/" + CHENGGUAN).equals(r.key())
                    && r.value().contains("\"stations\":2"), WAIT);
            assertThat(chengguan.value()).contains("\"aqi\":128").contains("\"scope\":\"TOWNSHIP\"")
                    .contains("\"township\":\"" + CHENGGUAN + "\"").contains("\"regionId\":\"" + district + "/" + CHENGGUAN + "\"");
            // 白鹤镇: one station at 300 µg/m³ is heavy pollution (AQI > 200) in that township
            ConsumerRecord<String, String> baihe = probe.awaitRecord(r -> (district + "/" + BAIHE).equals(r.key()), WAIT);
            JsonNode baiheAqi = EventJson.mapper().readTree(baihe.value());
            assertThat(baiheAqi.get("aqi").asInt()).isGreaterThan(200);
            // the district: all four stations, mean 130 µg/m³ → 150 + 15/35 × 50 = 171.4 → 172 (below 200)
            ConsumerRecord<String, String> whole = probe.awaitRecord(r -> district.equals(r.key())
                    && r.value().contains("\"stations\":4"), WAIT);
            assertThat(whole.value()).contains("\"aqi\":172").contains("\"scope\":\"DISTRICT\"");
        }
        // every record above came out of a committed reading transaction: a proposal would be there by now
        assertThat(api.get("/api/v1/proposals?regionId=" + district, TestTokens.officer()).json()).isEmpty();
        assertThat(api.get("/api/v1/proposals?regionId=" + segment(district + "/" + BAIHE), TestTokens.officer()).json())
                .as("a township's heavy hour is no district warning proposal").isEmpty();

        JsonNode hourly = api.get("/api/v1/regions/" + district + "/townships/" + segment(CHENGGUAN) + "/aqi/hourly?from="
                + hour.minus(Duration.ofHours(1)) + "&to=" + hour, TestTokens.officer()).json();
        assertThat(hourly).hasSize(1);
        assertThat(hourly.get(0).get("aqi").asInt()).isEqualTo(128);
        JsonNode daily = api.get("/api/v1/regions/" + district + "/townships/" + segment(CHENGGUAN) + "/aqi/daily?date="
                + hour.minus(Duration.ofMinutes(1)).atZone(RollingMeans.CHINA).toLocalDate(), TestTokens.officer()).json();
        assertThat(daily.get("regionId").asString()).isEqualTo(district + "/" + CHENGGUAN);
        assertThat(daily.get("stations")).extracting(s -> s.get("stationId").asString())
                .containsOnly("CG1-" + district, "CG2-" + district);
        assertThat(api.get("/api/v1/regions/" + district + "/townships/" + segment(CHENGGUAN) + "/aqi/hourly?from="
                + hour + "&to=" + hour, TestTokens.enterprise("E")).status()).isEqualTo(403);

        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).contains("lantian_region_aqi{application=\"forecast-consult\",region=\"" + district + "/" + CHENGGUAN
                + "\",scope=\"TOWNSHIP\"} 128.0");
        assertThat(metrics).contains("lantian_region_iaqi{application=\"forecast-consult\",indicator=\"PM2_5_24h\",region=\""
                + district + "/" + CHENGGUAN + "\",scope=\"TOWNSHIP\"} 128.0");
        assertThat(metrics).contains("lantian_region_iaqi{application=\"forecast-consult\",indicator=\"PM2_5_24h\",region=\""
                + district + "\",scope=\"DISTRICT\"} 172.0");
    }
}
