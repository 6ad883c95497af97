package io.lantian.consult.regionaqi;

import io.lantian.common.events.ReadingAccepted;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topics;
import io.lantian.consult.ConsultApplication;
import io.lantian.platform.ServiceApplication;
import io.lantian.platform.kafka.EventPublisher;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of forecast-consult in one consumer group split the readings topic's partitions between them, and
 * the district hour they both contribute to comes out complete: the last region AQI published for it counts every
 * station, whichever instance stored which reading (the district hour is recomputed under a lock, by whichever instance claims its queued rows). A database and
 * consumer groups of its own keep the other test contexts of the JVM out.
 */
class RegionAqiSplitTest {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final int STATIONS = 24;

    final TestInfra.Database database = TestInfra.freshDatabase("region_aqi_split");
    final String group = "region-aqi-split-" + UUID.randomUUID();
    final String district = "split-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

    ConfigurableApplicationContext start() {
        return ServiceApplication.builder(ConsultApplication.class, ConsultApplication.NAME).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--lantian.security.hmac-secret=" + TestTokens.secret(),
                "--lantian.consult.region-aqi.consumer-group=" + group,
                // one consumer per instance, so the group's two members are the two instances
                "--lantian.consult.region-aqi.consumer-threads=1",
                "--lantian.consult.alerts.consumer-group=" + group + "-alerts");
    }

    /** The readings partitions each member of the group holds. */
    List<Set<Integer>> assignments() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfra.kafkaBootstrap()))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return description.members().stream().map(MemberDescription::assignment)
                    .map(a -> {
                        Set<Integer> partitions = new HashSet<>();
                        for (TopicPartition p : a.topicPartitions()) {
                            if (p.topic().equals(Topics.READINGS.name())) {
                                partitions.add(p.partition());
                            }
                        }
                        return partitions;
                    }).toList();
        }
    }

    @Test
    void twoInstancesSplitThePartitionsAndTheDistrictHourCountsEveryStation() throws Exception {
        try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
            await().atMost(WAIT).until(() -> {
                List<Set<Integer>> members = assignments();
                return members.size() == 2 && members.stream().noneMatch(Set::isEmpty);
            });
            List<Set<Integer>> members = assignments();
            assertThat(members.get(0)).as("disjoint").doesNotContainAnyElementsOf(members.get(1));
            assertThat(members.get(0).size() + members.get(1).size()).isEqualTo(Topics.READINGS.partitions());

            Set<Integer> partitionsUsed = new HashSet<>();
            for (int i = 0; i < STATIONS; i++) {
                String station = district + "-S" + i;
                ReadingAccepted reading = new ReadingAccepted(ReadingAccepted.naturalKey(station, Pollutant.PM2_5, hour,
                        Duration.ofHours(1)), station, district, Pollutant.PM2_5, 100, "µg/m³", hour, Duration.ofHours(1),
                        ReadingAccepted.Source.HTTP, List.of(), Instant.now());
                partitionsUsed.add(first.getBean(EventPublisher.class).publish(Topics.READINGS, station, reading).get()
                        .getRecordMetadata().partition());
            }
            assertThat(partitionsUsed).as("the stations' readings reach both instances' partitions")
                    .containsAnyElementsOf(members.get(0)).containsAnyElementsOf(members.get(1));

            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await().atMost(WAIT).until(() -> jdbc.sql("select count(distinct station_id) from station_reading where region_id = ?")
                    .param(district).query(Integer.class).single() == STATIONS);
            // the last figure published for the district hour includes every station, from both instances
            await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("""
                            select payload from outbox where topic = ? and record_key = ? order by id desc limit 1""")
                    .params(Topics.REGION_AQI.name(), district).query(String.class).optional())
                    .hasValueSatisfying(payload -> assertThat(payload).contains("\"stations\":" + STATIONS)));
        }
    }
}
