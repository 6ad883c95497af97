package io.lantian.consult;

import io.lantian.platform.ServiceApplication;
import io.lantian.platform.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** forecast-consult: AQI, alerts, warning rules and the consultation. Configuration: {@code forecast-consult.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(OutboxConfiguration.class)
public class ConsultApplication {

    public static final String NAME = "forecast-consult";

    public static void main(String[] args) {
        ServiceApplication.run(ConsultApplication.class, NAME, args);
    }
}
