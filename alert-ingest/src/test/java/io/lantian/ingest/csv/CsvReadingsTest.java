package io.lantian.ingest.csv;

import io.lantian.ingest.reading.RawReading;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReadingsTest {

    @Test
    void aRowBecomesOneReadingPerMeasuredPollutantAtTheEndOfItsBeijingHour() {
        CsvReadings csv = CsvReadings.fromHeader("\uFEFFstation,time,PM2.5,PM10,SO2,NO2,O3,CO");

        List<RawReading> readings = csv.readings("MJ-T-HM,2026-11-29 16:00,153,201,,—,20,1.4");

        assertThat(readings).extracting(r -> r.submission().pollutant()).containsExactlyInAnyOrder("PM2_5", "PM10", "O3", "CO");
        RawReading co = readings.stream().filter(r -> r.submission().pollutant().equals("CO")).findFirst().orElseThrow();
        assertThat(co.submission().value()).isEqualTo(1.4);
        assertThat(co.submission().unit()).isEqualTo("mg/m³");
        assertThat(co.submission().periodEnd()).isEqualTo("2026-11-29T16:00+08:00");
        assertThat(co.submission().averaging()).isEqualTo("PT1H");
        assertThat(co.raw()).isEqualTo("MJ-T-HM,2026-11-29 16:00,153,201,,—,20,1.4");
    }

    @Test
    void brokenCellsAndLinesStillYieldAReadingToReject() {
        CsvReadings csv = CsvReadings.fromHeader("stationId,periodEnd,PM10");

        assertThat(csv.readings("S,2026-11-29T08:00:00Z,abc").get(0).submission().value()).isNull();
        assertThat(csv.readings("S,\"unterminated").get(0).submission()).isNull();
        assertThat(csv.readings("S,2026-11-29T08:00:00Z,").get(0).submission().pollutant()).isNull();
    }

    @Test
    void aHeaderWithoutStationTimeOrPollutantsIsRefused() {
        assertThatThrownBy(() -> CsvReadings.fromHeader("station,PM10")).hasMessageContaining("time column");
        assertThatThrownBy(() -> CsvReadings.fromHeader("station,time,temperature")).hasMessageContaining("PM2.5");
    }
}
