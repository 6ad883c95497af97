package io.lantian.consult.alert;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fast lane and the queued region-median judgements on the real broker and PostgreSQL: the queue drives the
 * region-median rule, the region's lock keeps two workers from judging one region-hour at once, and a threshold alert
 * does not wait for that lock. Values and queue rows are written directly where the test needs to control the queue.
 * Every test has its own region.
 */
class RegionMedianQueueTest extends ConsultTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    RegionDueStore queue;
    @Autowired
    RegionMedianWorker worker;
    @Autowired
    EventPublisher publisher;
    @Autowired
    MeterRegistry meters;

    double backlogSeconds() {
        return meters.get("lantian.station.alerts.region.median.backlog").gauge().value();
    }

    /** Hours ending in the last half day (alerts judge the last 48 hours only). */
    final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));

    Instant hour(int n) {
        return base.plus(Duration.ofHours(n));
    }

    static String id(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A region where station A reads 300 µg/m³ PM2.5 in hours 1 and 2 and its three neighbours 20–30 (limit 100). */
    record Region(String id, String a, List<String> neighbours) {

        List<String> stations() {
            List<String> all = new ArrayList<>(neighbours);
            all.add(a);
            return all;
        }
    }

    Region storeValuesOfARegionWithALocalSource() {
        Region region = new Region(id("region"), id("A"), List.of(id("N1"), id("N2"), id("N3")));
        for (int h = 1; h <= 2; h++) {
            store(region, region.a(), 300, hour(h));
            for (int n = 0; n < 3; n++) {
                store(region, region.neighbours().get(n), 20 + 5 * n, hour(h));
            }
        }
        return region;
    }

    void store(Region region, String station, double value, Instant hourEnd) {
        jdbc.sql("insert into alert_hourly_value (station_id, pollutant, hour_end, region_id, value) values (?, 'PM2_5', ?, ?, ?)")
                .params(station, Timestamp.from(hourEnd), region.id(), value).update();
    }

    void queueBothHours(Region region) {
        queue.enqueue(List.of(new RegionDueStore.Due(region.id(), Pollutant.PM2_5, hour(1), Set.copyOf(region.stations()), false),
                new RegionDueStore.Due(region.id(), Pollutant.PM2_5, hour(2), Set.copyOf(region.stations()), false)));
    }

    /** Moves the region's queued rows in time, as if queued {@code age} ago (negative: in the future). */
    void queuedAgo(Region region, Duration age) {
        jdbc.sql("update alert_region_due set enqueued_at = now() - ?::interval where region_id = ?")
                .params(age.toMillis() + " milliseconds", region.id()).update();
    }

    int alerts(String station, String rule) {
        return jdbc.sql("select count(*) from station_alert where station_id = ? and rule = ?")
                .params(station, rule).query(Integer.class).single();
    }

    int queued(Region region) {
        return jdbc.sql("select count(*) from alert_region_due where region_id = ?").param(region.id()).query(Integer.class).single();
    }

    String regionMedianAlertId(Region region) {
        return new AlertKey(region.a(), io.lantian.common.events.StationAlertEvent.Rule.ABOVE_REGION_MEDIAN, Pollutant.PM2_5)
                .alertId(hour(0));
    }

    /** A transaction of another session holding the lock region-median judgements of the region and PM2.5 take. */
    static void lockRegion(Connection session, String region) throws Exception {
        session.setAutoCommit(false);
        try (PreparedStatement lock = session.prepareStatement(
                "select pg_advisory_xact_lock(hashtext('station-alerts'), hashtext(?))")) {
            lock.setString(1, region + "/" + Pollutant.PM2_5);
            lock.executeQuery().close();
        }
    }

    @Test
    void theQueueDrivesRegionMedianJudgements() {
        // given the region's values, stored without queueing their region-hours
        Region region = storeValuesOfARegionWithALocalSource();

        // when a pass finds nothing of the region queued, nothing of it is judged
        worker.pass();
        assertThat(alerts(region.a(), "ABOVE_REGION_MEDIAN")).isZero();

        // when both hours are queued, but their delay is not over yet (queued "in an hour"), nothing is judged
        queueBothHours(region);
        queuedAgo(region, Duration.ofHours(-1));
        worker.pass();
        assertThat(alerts(region.a(), "ABOVE_REGION_MEDIAN")).isZero();
        assertThat(queued(region)).isEqualTo(2);

        // when their delay is over
        queuedAgo(region, Duration.ofHours(1));

        // then A's two hours far above its neighbours raise one region-median alert, and the queue is worked off
        await().atMost(WAIT).until(() -> alerts(region.a(), "ABOVE_REGION_MEDIAN") == 1);
        assertThat(jdbc.sql("select status from station_alert where alert_id = ?").param(regionMedianAlertId(region))
                .query(String.class).single()).isEqualTo("RAISED");
        await().atMost(WAIT).until(() -> queued(region) == 0);
        region.neighbours().forEach(n -> assertThat(alerts(n, "ABOVE_REGION_MEDIAN")).as(n).isZero());
    }

    @Test
    void twoWorkersNeverJudgeOneRegionHourAtOnce() throws Exception {
        // given a region whose lock another worker holds (it is judging that region), and its hours queued
        Region region = storeValuesOfARegionWithALocalSource();
        try (Connection otherWorker = dataSource.getConnection()) {
            lockRegion(otherWorker, region.id());
            queueBothHours(region);
            queuedAgo(region, Duration.ofHours(1));

            // when a worker passes (and the background worker polls): it claims the rows, then waits for the lock
            CompletableFuture<Integer> pass = CompletableFuture.supplyAsync(worker::pass);
            await().atMost(WAIT).until(() -> jdbc.sql("""
                            select count(*) from pg_locks where locktype = 'advisory' and not granted
                            and classid = hashtext('station-alerts')::oid and objid = hashtext(?)::oid""")
                    .param(region.id() + "/" + Pollutant.PM2_5).query(Integer.class).single() > 0);

            // then nothing of the region is judged while the other holds it, and the rows stay queued
            assertThat(alerts(region.a(), "ABOVE_REGION_MEDIAN")).isZero();
            assertThat(queued(region)).isEqualTo(2);
            otherWorker.rollback();
            pass.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> alerts(region.a(), "ABOVE_REGION_MEDIAN") == 1);
        await().atMost(WAIT).until(() -> queued(region) == 0);
    }

    @Test
    void workersPassingAtOnceJudgeEveryRegionHourOnce() throws Exception {
        // given twelve regions, each with a local source, all queued
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Region region = storeValuesOfARegionWithALocalSource();
            queueBothHours(region);
            queuedAgo(region, Duration.ofHours(1));
            regions.add(region);
        }

        // when three workers pass at once (beside the background worker)
        List<CompletableFuture<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            passes.add(CompletableFuture.supplyAsync(worker::pass));
        }
        for (CompletableFuture<Integer> pass : passes) {
            pass.get(WAIT.toSeconds(), TimeUnit.SECONDS); // none failed (a second raise of one id would not be deduplicated here)
        }

        // then each source has exactly one alert, raised once, and the queue is empty
        for (Region region : regions) {
            await().atMost(WAIT).until(() -> queued(region) == 0);
            assertThat(alerts(region.a(), "ABOVE_REGION_MEDIAN")).as(region.a()).isEqualTo(1);
            assertThat(jdbc.sql("select revision from station_alert_transition where alert_id = ?")
                    .param(regionMedianAlertId(region)).query(Integer.class).list()).as(region.a()).containsExactly(1);
            assertThat(jdbc.sql("select count(*) from outbox where payload like ?")
                    .param("%\"alertId\":\"" + regionMedianAlertId(region) + "\"%").query(Integer.class).single())
                    .as("events of " + region.a()).isEqualTo(1);
        }
    }

    @Test
    void aThresholdAlertIsRaisedWhileTheRegionsLockIsHeldBySomeoneElse() throws Exception {
        String region = id("region");
        String station = id("T");
        try (Connection other = dataSource.getConnection()) {
            // given someone holds the region's PM2.5 lock (a region-median judgement of that region)
            lockRegion(other, region);

            // when a reading above the PM2.5 threshold (150) comes
            Instant hourEnd = hour(3);
            publisher.publish(Topics.READINGS, station, new ReadingAccepted(
                    ReadingAccepted.naturalKey(station, Pollutant.PM2_5, hourEnd, Duration.ofHours(1)), station, region,
                    Pollutant.PM2_5, 200, Pollutant.PM2_5.canonicalUnit().symbol(), hourEnd, Duration.ofHours(1),
                    ReadingAccepted.Source.HTTP, List.of(), Instant.now())).get();

            // then its threshold alert is raised without waiting for the lock, and its region-hour waits in the queue
            await().atMost(WAIT).until(() -> alerts(station, "THRESHOLD") == 1);
            assertThat(queued(new Region(region, station, List.of()))).isEqualTo(1);
            // and operators see a region-hour waiting
            await().atMost(WAIT).until(() -> backlogSeconds() > 0);
            other.rollback();
        }
        await().atMost(WAIT).until(() -> queued(new Region(region, station, List.of())) == 0);
        await().atMost(WAIT).until(() -> backlogSeconds() == 0);
    }
}
