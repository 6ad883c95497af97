package io.lantian.ingest;

import io.lantian.ingest.reading.ReadingValidator;
import io.lantian.ingest.station.Station;
import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class IngestArchitectureTest {

    @Test
    void keepsTheServiceLayout() {
        ServiceArchitecture.check("io.lantian.ingest", ReadingValidator.class, Station.class);
    }
}
