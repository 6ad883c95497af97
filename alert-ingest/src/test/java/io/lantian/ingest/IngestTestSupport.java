package io.lantian.ingest;

import io.lantian.testing.TestInfra;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * alert-ingest on the real test broker and database with the demo stations. Test classes extending it share
 * one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + IngestApplication.NAME,
        "lantian.ingest.stations-seed-file=classpath:demo/mengjin-stations.json",
        "lantian.ingest.station-refresh=500ms"})
public abstract class IngestTestSupport {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.registerKafkaAndDatabase(registry);
    }
}
