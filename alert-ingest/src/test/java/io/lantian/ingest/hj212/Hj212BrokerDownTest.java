package io.lantian.ingest.hj212;

import io.lantian.ingest.IngestApplication;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import static io.lantian.ingest.hj212.Hj212Samples.BEIJING;
import static io.lantian.ingest.hj212.Hj212Samples.dataTime;
import static io.lantian.ingest.hj212.Hj212Samples.qn;
import static io.lantian.ingest.hj212.Hj212Samples.segment;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 9014 answer means "the broker has it": with no broker reachable the data packet is not answered, so the
 * station keeps it and sends it again; packets that need no broker are still answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + IngestApplication.NAME,
        "spring.kafka.producer.properties.max.block.ms=300",
        "spring.kafka.admin.auto-create=false",
        "lantian.ingest.stations-seed-file=classpath:demo/mengjin-stations.json",
        "lantian.ingest.hj212.enabled=true",
        "lantian.ingest.hj212.port=0"})
class Hj212BrokerDownTest {

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        TestInfra.registerUnreachableKafkaAndDatabase(registry);
    }

    @Autowired
    Hj212Endpoint endpoint;
    @Autowired
    MeterRegistry meters;

    @Test
    void aDataPacketIsNotAnsweredWhenTheBrokerDidNotAcknowledgeIt() {
        // a demo station of the local profile (documented demo password)
        String mn = "MJ410308000007";
        String data = qn();
        String calibration = qn();
        LocalDateTime hour = LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.HOURS).minusHours(1);
        try (Hj212TestClient station = new Hj212TestClient(endpoint.port())) {
            station.send(segment(data, "2061", "demo-pw", mn, 5, "DataTime=" + dataTime(hour) + ";a34004-Avg=120,a34004-Flag=N"))
                    .send(segment(calibration, "1013", "demo-pw", mn, 5, ""));

            // answers leave in packet order: the first one is for the second packet, so the first got none
            assertThat(station.readFrame()).contains("QN=" + calibration + ";ST=91;CN=9013");
        }
        assertThat(meters.get("lantian_hj212_packets").tags("cn", "2061", "result", "refused").counter().count()).isEqualTo(1);
        assertThat(meters.find("lantian_hj212_packets").tags("result", "accepted").counter()).isNull();
    }
}
