package io.lantian.ingest;

import io.lantian.testing.ApiClient;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** When no more batches may be in flight, a new one is refused with 429 and Retry-After, not queued. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + IngestApplication.NAME,
        "lantian.ingest.max-in-flight-batches=0"})
class IngestOverloadTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.registerKafkaAndDatabase(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void excessBatchesAreRefusedWith429() {
        var refused = ApiClient.onPort(port).postJson("/api/v1/readings", TestTokens.ingest(), "{\"readings\":[{}]}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:lantian:problem:overloaded");
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
    }
}
