package io.lantian.consult;

import io.lantian.testing.TestInfra;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * forecast-consult on the real test broker and database, over its real HTTP port. Test classes extending it
 * share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + ConsultApplication.NAME)
public abstract class ConsultTestSupport {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfra.registerKafkaAndDatabase(registry);
    }
}
