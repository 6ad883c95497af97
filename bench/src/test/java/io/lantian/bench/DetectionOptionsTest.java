package io.lantian.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How far back the detection benchmark's readings start, and the rule window forecast-consult is given for it. */
class DetectionOptionsTest {

    @Test
    void aShortRunStaysInsideTheRulesDefaultWindow() {
        // 2 000 stations × 6 pollutants at 5 000/s: a round (one hour) every 2.4 s; 15 + 60 s is 32 rounds
        DetectionBenchmark.Options o = DetectionBenchmark.Options.parse(new String[]{"--warmup", "15", "--seconds", "60"});

        assertThat(o.hoursBack()).isEqualTo(DetectionBenchmark.HOURS_BACK);
        assertThat(o.consultArgs()).isEmpty();
    }

    @Test
    void theDefaultWarmUpStartsFurtherBackAndWidensTheWindowToMatch() {
        // 180 + 60 s is 100 rounds: the first hour 101 hours back, judged within a 105-hour window
        DetectionBenchmark.Options o = DetectionBenchmark.Options.parse(new String[]{"--", "--some.setting=1"});

        assertThat(o.warmupSeconds()).isEqualTo(180);
        assertThat(o.hoursBack()).isEqualTo(101);
        assertThat(o.consultArgs()).containsExactly("--lantian.consult.alerts.evaluate-within=105h", "--some.setting=1");
    }
}
