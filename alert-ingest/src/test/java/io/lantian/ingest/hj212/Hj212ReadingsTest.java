package io.lantian.ingest.hj212;

import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.pollutant.MassConcentration;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.ingest.reading.RawReading;
import io.lantian.ingest.reading.ReadingSubmission;
import io.lantian.ingest.station.Station;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Hj212ReadingsTest {

    static final Station STATION = station(Map.of());
    final Hj212Readings readings = new Hj212Readings(Hj212Codes.standard(), ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(5));

    static Station station(Map<Pollutant, MassConcentration> units) {
        return new Station("T-1", "test", StationClass.TOWNSHIP, "mengjin", "城关镇", 34.8, 112.4,
                EnumSet.allOf(Pollutant.class), false, "MNT1", Station.hashPassword("pw"), units);
    }

    List<ReadingSubmission> read(String cn, String cp) {
        return read(cn, cp, STATION);
    }

    List<ReadingSubmission> read(String cn, String cp, Station station) {
        Hj212Packet packet = Hj212ParserTest.packet(Hj212Samples.segment("20261129090012345", cn, "pw", "MNT1", 4, cp));
        return readings.readings(packet, Hj212Command.of(cn).orElseThrow(), station, packet.dataTime().orElse(null), "raw")
                .stream().map(RawReading::submission).toList();
    }

    @Test
    void hourlyDataStartsItsHourInBeijingTime() {
        ReadingSubmission pm25 = read("2061", "DataTime=20261129080000;a34004-Avg=168,a34004-Flag=N").get(0);

        assertThat(pm25).isEqualTo(new ReadingSubmission("T-1", "PM2_5", 168.0, "µg/m³", "2026-11-29T09:00+08:00", "PT1H", List.of()));
    }

    @Test
    void eachCommandGetsItsAveragingAndPeriodEnd() {
        assertThat(read("2011", "DataTime=20261129081530;a34004-Rtd=70").get(0))
                .extracting(ReadingSubmission::periodEnd, ReadingSubmission::averaging)
                .containsExactly("2026-11-29T08:15:30+08:00", "PT1M");
        assertThat(read("2051", "DataTime=20261129084000;a34004-Avg=70").get(0))
                .extracting(ReadingSubmission::periodEnd, ReadingSubmission::averaging)
                .as("the configured minute interval").containsExactly("2026-11-29T08:45+08:00", "PT5M");
        assertThat(read("2031", "DataTime=20261128000000;a34004-Avg=70").get(0))
                .extracting(ReadingSubmission::periodEnd, ReadingSubmission::averaging)
                .as("daily: the validator refuses PT24H").containsExactly("2026-11-29T00:00+08:00", "PT24H");
    }

    @Test
    void mapsTheSixPollutantsAndSkipsOtherCodes() {
        List<ReadingSubmission> all = read("2061", "DataTime=20261129080000;a34004-Avg=168;a34002-Avg=221;a21026-Avg=12;"
                + "a21004-Avg=48;a05024-Avg=20;a21005-Avg=1.4;a01001-Avg=12.5;a01007-Avg=2.1;a21002-Avg=60");

        assertThat(all).extracting(ReadingSubmission::pollutant).containsExactly("PM2_5", "PM10", "SO2", "NO2", "O3", "CO");
        assertThat(all).extracting(ReadingSubmission::unit).containsExactly("µg/m³", "µg/m³", "µg/m³", "µg/m³", "µg/m³", "mg/m³");
        assertThat(all.get(5).value()).isEqualTo(1.4);
    }

    @Test
    void takesTheStationsUnit() {
        Station mgPm10 = station(Map.of(Pollutant.PM10, MassConcentration.MILLIGRAMS_PER_CUBIC_METRE));
        assertThat(read("2061", "DataTime=20261129080000;a34002-Avg=0.221", mgPm10).get(0).unit()).isEqualTo("mg/m³");
    }

    @Test
    void carriesStationFlagsAsQualityFlags() {
        List<ReadingSubmission> all = read("2061", "DataTime=20261129080000;a34004-Avg=1,a34004-Flag=M;a34002-Avg=1,a34002-Flag=C;"
                + "a21026-Avg=1,a21026-Flag=D,a21026-EFlag=E12;a21004-Avg=1,a21004-Flag=N;a05024-Avg=1,a05024-Flag=X;a21005-Avg=1,a21005-flag=T");

        assertThat(all).extracting(ReadingSubmission::flags).containsExactly(List.of("MAINTENANCE"), List.of("CALIBRATION"),
                List.of("FAULT", "HJ212_EFLAG_E12"), List.of(), List.of("HJ212_FLAG_X"), List.of("ABOVE_RANGE"));
    }

    @Test
    void leavesWhatIsMissingOrUnreadableForTheValidatorToReject() {
        List<ReadingSubmission> all = read("2061", "DataTime=20261129080000;a34004-Avg=abc;a34002-Flag=N;a21026-Avg=1e5;a21004-Avg=-3");
        assertThat(all).extracting(ReadingSubmission::value).containsExactly(null, null, null, -3.0);

        assertThat(read("2061", "a34004-Avg=1").get(0).periodEnd()).isNull();
        assertThat(read("2061", "DataTime=20261331080000;a34004-Avg=1").get(0).periodEnd()).isEqualTo("DataTime=20261331080000");
        assertThat(read("2061", "DataTime=2026-11-29;a34004-Avg=1").get(0).periodEnd()).isEqualTo("DataTime=2026-11-29");
    }

    @Test
    void extraCodesMapAsWellAsTheStandardOnes() {
        Hj212Readings legacy = new Hj212Readings(Hj212Codes.standard().withPollutantCodes(Map.of("PM25", Pollutant.PM2_5)),
                ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(1));
        Hj212Packet packet = Hj212ParserTest.packet(Hj212Samples.segment("20261129090012345", "2011", "pw", "MNT1", 4,
                "DataTime=20261129080000;PM25-Rtd=75.0;A34002-Rtd=120"));

        assertThat(legacy.readings(packet, Hj212Command.REALTIME, STATION, "20261129080000", "raw"))
                .extracting(r -> r.submission().pollutant()).containsExactly("PM2_5", "PM10");
    }

    @Test
    void onlyDataCommandsCarryReadings() {
        Hj212Packet packet = Hj212ParserTest.packet(Hj212Samples.segment("20261129090012345", "2081", "pw", "MNT1", 4, ""));
        assertThatThrownBy(() -> readings.readings(packet, Hj212Command.BOOT_TIME, STATION, null, "raw"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
