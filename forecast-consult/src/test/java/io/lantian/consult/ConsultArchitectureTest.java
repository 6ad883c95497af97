package io.lantian.consult;

import io.lantian.consult.regionaqi.RegionHourAqi;
import io.lantian.consult.rules.ForecastPoint;
import io.lantian.consult.rules.ForecastSeries;
import io.lantian.consult.rules.WarningRuleEngine;
import io.lantian.consult.rules.WarningRuleSet;
import io.lantian.consult.warning.Warning;
import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ConsultArchitectureTest {

    @Test
    void keepsTheServiceLayout() {
        ServiceArchitecture.check("io.lantian.consult", RegionHourAqi.class, Warning.class, io.lantian.consult.cap.CapMessage.class,
                WarningRuleEngine.class, WarningRuleSet.class, ForecastSeries.class, ForecastPoint.class,
                io.lantian.consult.forecast.BaselineForecaster.class, io.lantian.consult.forecast.BaselineEvaluation.class);
    }
}
