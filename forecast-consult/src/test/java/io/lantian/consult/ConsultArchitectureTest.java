package io.lantian.consult;

import io.lantian.consult.regionaqi.RegionHourAqi;
import io.lantian.consult.warning.Warning;
import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ConsultArchitectureTest {

    @Test
    void keepsTheServiceLayout() {
        ServiceArchitecture.check("io.lantian.consult", RegionHourAqi.class, Warning.class);
    }
}
