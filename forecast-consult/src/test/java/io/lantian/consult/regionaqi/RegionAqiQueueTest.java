package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultTestSupport;
import io.lantian.platform.kafka.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queued, coalesced region AQI on the real broker and PostgreSQL: the reading consumer queues the district hours
 * it changed, the worker recomputes a district hour once its delay is over and takes every row of it queued by then
 * (one event per area however many polls changed it), the district hour's lock keeps two replicas from recomputing
 * one hour at once, and the backlog shows. Readings and queue rows are written directly where the test needs to
 * control the queue. Every test has its own district.
 */
class RegionAqiQueueTest extends ConsultTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TOWNSHIP = "城关镇";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    RegionAqiQueue queue;
    @Autowired
    RegionAqiWorker worker;
    @Autowired
    EventPublisher publisher;
    @Autowired
    MeterRegistry meters;

    final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    final String district = "queue-" + UUID.randomUUID().toString().substring(0, 8);

    /** Station {@code n} of the district: PM2.5 reading stored for the hour, the station in the township. */
    String storeReading(int n, double pm25) {
        String station = district + "-S" + n;
        jdbc.sql("insert into region_station (station_id, region_id, township) values (?, ?, ?)")
                .params(station, district, TOWNSHIP).update();
        jdbc.sql("""
                        insert into station_reading (station_id, region_id, pollutant, period_end, averaging, value, reading_id, received_at)
                        values (?, ?, 'PM2_5', ?, 'PT1H', ?, ?, now())""")
                .params(station, district, Timestamp.from(hour), pm25, UUID.randomUUID().toString()).update();
        return station;
    }

    /** A queue row for the district hour, queued {@code age} ago (negative: in the future). */
    void queueRow(Duration age) {
        jdbc.sql("insert into region_aqi_due (district, hour_end, townships, enqueued_at) values (?, ?, ?, now() - ?::interval)")
                .params(district, Timestamp.from(hour), new String[]{TOWNSHIP}, age.toMillis() + " milliseconds").update();
    }

    int queued() {
        return jdbc.sql("select count(*) from region_aqi_due where district = ?").param(district).query(Integer.class).single();
    }

    List<String> events(String key) {
        return jdbc.sql("select payload from outbox where topic = ? and record_key = ? order by id")
                .params(Topics.REGION_AQI.name(), key).query(String.class).list();
    }

    double backlogSeconds() {
        return meters.get("lantian.region.aqi.recompute.backlog").gauge().value();
    }

    @Test
    void readingsFromTheTopicAreQueuedByDistrictHourAndPublishedWithTheirTownship() throws Exception {
        // given a station of the district in a township
        String station = district + "-K";
        jdbc.sql("insert into region_station (station_id, region_id, township) values (?, ?, ?)")
                .params(station, district, TOWNSHIP).update();

        // when its reading comes through the topic
        publisher.publish(Topics.READINGS, station, new ReadingAccepted(
                ReadingAccepted.naturalKey(station, Pollutant.PM2_5, hour, Duration.ofHours(1)), station, district,
                Pollutant.PM2_5, 90, "µg/m³", hour, Duration.ofHours(1), ReadingAccepted.Source.HTTP, List.of(),
                Instant.now())).get();

        // then the district and its township are published, mean 90 µg/m³ → 128, and the queue is worked off
        await().atMost(WAIT).until(() -> events(district).size() == 1 && events(district + "/" + TOWNSHIP).size() == 1);
        assertThat(events(district).get(0)).contains("\"aqi\":128").contains("\"stations\":1");
        assertThat(events(district + "/" + TOWNSHIP).get(0)).contains("\"aqi\":128").contains("\"scope\":\"TOWNSHIP\"");
        await().atMost(WAIT).until(() -> queued() == 0);
    }

    @Test
    void aDistrictHourIsRecomputedOnlyOnceItsDelayIsOverAndThenOnceForEveryRowQueuedByThen() {
        // given three stations' readings, each queued as a poll of its own would (the last one just now)
        storeReading(1, 80);
        storeReading(2, 90);
        storeReading(3, 100);
        queueRow(Duration.ofHours(-1)); // due an hour from now: the oldest row decides, so nothing is due yet
        queueRow(Duration.ofHours(-1));
        queueRow(Duration.ofHours(-1));

        // when the worker passes before the delay is over, nothing of the district is recomputed
        worker.pass();
        assertThat(events(district)).isEmpty();
        assertThat(queued()).isEqualTo(3);

        // when the oldest row's delay is over (the two others are still young)
        jdbc.sql("update region_aqi_due set enqueued_at = now() - interval '1 hour' where id = (select min(id) from region_aqi_due where district = ?)")
                .param(district).update();

        // then all three rows are taken by one recomputation: one event per area, counting every station
        await().atMost(WAIT).until(() -> queued() == 0);
        assertThat(events(district)).hasSize(1);
        // mean 90 µg/m³ → 128
        assertThat(events(district).get(0)).contains("\"stations\":3").contains("\"aqi\":128");
        assertThat(events(district + "/" + TOWNSHIP)).hasSize(1);
    }

    @Test
    void aDistrictHourWhoseLockAnotherReplicaHoldsWaitsAndTheBacklogShows() throws Exception {
        // given another replica recomputing the district hour (it holds the hour's lock)
        storeReading(1, 40);
        try (Connection otherReplica = dataSource.getConnection()) {
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement(
                    "select pg_advisory_xact_lock(hashtext('region-aqi'), hashtext(?))")) {
                lock.setString(1, district + "/" + hour);
                lock.executeQuery().close();
            }

            // when the district hour is due
            queueRow(Duration.ofHours(1));

            // then the worker waits for the lock: nothing is published, the row stays, and operators see its age
            await().atMost(WAIT).until(() -> jdbc.sql("""
                            select count(*) from pg_locks where locktype = 'advisory' and not granted
                            and classid = hashtext('region-aqi')::oid and objid = hashtext(?)::oid""")
                    .param(district + "/" + hour).query(Integer.class).single() > 0);
            assertThat(events(district)).isEmpty();
            assertThat(queued()).isEqualTo(1);
            assertThat(backlogSeconds()).isGreaterThanOrEqualTo(3600);
            otherReplica.rollback();
        }
        // and once the lock is free the hour is published and the queue is empty
        await().atMost(WAIT).until(() -> events(district).size() == 1);
        await().atMost(WAIT).until(() -> queued() == 0);
        assertThat(events(district + "/" + TOWNSHIP)).hasSize(1);
    }
}
