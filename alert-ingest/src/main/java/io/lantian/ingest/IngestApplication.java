package io.lantian.ingest;

import io.lantian.platform.ServiceApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** alert-ingest: where every monitoring value enters Lantian. Configuration: {@code alert-ingest.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    public static final String NAME = "alert-ingest";

    public static void main(String[] args) {
        ServiceApplication.run(IngestApplication.class, NAME, args);
    }
}
