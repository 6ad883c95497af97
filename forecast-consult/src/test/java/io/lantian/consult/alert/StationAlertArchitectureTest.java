package io.lantian.consult.alert;

import io.lantian.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The station alert rules, hysteresis and muting stay plain Java; the feature adds no package cycle. */
class StationAlertArchitectureTest {

    @Test
    void theAlertDomainIsFreeOfSpring() {
        ServiceArchitecture.check("io.lantian.consult", AlertSettings.class, RegionValues.class, Limit.class, StationRule.class,
                ThresholdRule.class, SuddenRiseRule.class, RegionMedianRule.class, HourVerdict.class, AlertKey.class,
                OpenAlert.class, Silence.class, ActiveWarning.class, Muting.class, AlertDecision.class,
                StationAlertEvaluator.class, StationAlert.class);
    }
}
