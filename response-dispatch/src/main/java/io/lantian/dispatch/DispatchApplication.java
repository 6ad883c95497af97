package io.lantian.dispatch;

import io.lantian.platform.ServiceApplication;
import io.lantian.platform.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** response-dispatch: reduction list, orders, delivery and acknowledgements. Configuration: {@code response-dispatch.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(OutboxConfiguration.class)
public class DispatchApplication {

    public static final String NAME = "response-dispatch";

    public static void main(String[] args) {
        ServiceApplication.run(DispatchApplication.class, NAME, args);
    }
}
