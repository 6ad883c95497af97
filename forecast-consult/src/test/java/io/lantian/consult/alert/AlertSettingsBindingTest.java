package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.pollutant.Pollutant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped forecast-consult.yml binds to the settings the docs describe (a typo in a key would silently disable a rule). */
class AlertSettingsBindingTest {

    @Test
    void theShippedConfigurationBindsEveryRule() throws Exception {
        var sources = new YamlPropertySourceLoader().load("forecast-consult", new ClassPathResource("forecast-consult.yml"));
        AlertSettings settings = new Binder(ConfigurationPropertySources.from(sources))
                .bind(StationAlertConfiguration.PREFIX, AlertSettings.class).get();

        assertThat(settings.thresholds().of(Pollutant.PM2_5, StationClass.TOWNSHIP)).contains(150.0);
        assertThat(settings.thresholds().of(Pollutant.PM2_5, StationClass.MICRO)).contains(250.0);
        assertThat(settings.thresholds().of(Pollutant.PM10, null)).contains(350.0);
        assertThat(settings.thresholds().of(Pollutant.CO, StationClass.NATIONAL)).contains(60.0);
        assertThat(settings.thresholds().defaults()).hasSize(6);

        assertThat(settings.suddenRise().baselineHours()).isEqualTo(3);
        assertThat(settings.suddenRise().minBaselineHours()).isEqualTo(2);
        assertThat(settings.suddenRise().ratio()).isEqualTo(2.0);
        assertThat(settings.suddenRise().minIncrease()).containsEntry(Pollutant.PM2_5, 50.0).doesNotContainKey(Pollutant.O3);

        assertThat(settings.regionMedian().minNeighbours()).isEqualTo(3);
        assertThat(settings.regionMedian().minExcess()).containsEntry(Pollutant.SO2, 50.0).doesNotContainKey(Pollutant.O3);
        assertThat(settings.regionMedian().excludedClasses()).containsExactly(StationClass.ENTERPRISE_BOUNDARY);

        assertThat(settings.hysteresis().raiseAfterHours(Rule.THRESHOLD)).isEqualTo(1);
        assertThat(settings.hysteresis().raiseAfterHours(Rule.SUDDEN_RISE)).isEqualTo(2);
        assertThat(settings.hysteresis().raiseAfterHours(Rule.ABOVE_REGION_MEDIAN)).isEqualTo(2);
        assertThat(settings.hysteresis().resolveAfterHours(Rule.THRESHOLD)).isEqualTo(2);
        assertThat(settings.hysteresis().clearFactor()).isEqualTo(0.9);

        assertThat(settings.inhibition().pollutantsByLevel()).containsEntry(WarningLevel.HEALTH_ADVISORY, Set.of(Pollutant.O3))
                .containsEntry(WarningLevel.RED, Set.of(Pollutant.PM2_5, Pollutant.PM10));
        assertThat(settings.inhibition().rules()).containsExactlyInAnyOrder(Rule.THRESHOLD, Rule.SUDDEN_RISE);

        assertThat(settings.evaluateWithin()).isEqualTo(Duration.ofHours(48));
        assertThat(settings.maxSilence()).isEqualTo(Duration.ofDays(31));
    }
}
