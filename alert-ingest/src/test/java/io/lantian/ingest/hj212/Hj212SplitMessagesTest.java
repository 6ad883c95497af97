package io.lantian.ingest.hj212;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class Hj212SplitMessagesTest {

    static Hj212Packet part(String mn, int pno, int pnum, String cp) {
        return Hj212ParserTest.packet("QN=20261129090012345;ST=22;CN=2061;PW=p;MN=" + mn + ";Flag=7;PNUM=" + pnum + ";PNO=" + pno
                + ";CP=&&" + cp + "&&");
    }

    final Hj212SplitMessages splits = new Hj212SplitMessages(2, Duration.ofMinutes(10));

    @Test
    void eachPartKeepsItsOwnDataTime() {
        assertThat(splits.dataTime(part("M1", 1, 2, "DataTime=20261129080000;a34004-Avg=1"), 0)).isEqualTo("20261129080000");
        assertThat(splits.dataTime(part("M1", 2, 2, "DataTime=20261129090000;a34002-Avg=1"), 1)).isEqualTo("20261129090000");
        assertThat(splits.size()).as("complete messages are forgotten").isZero();
    }

    @Test
    void aLaterPartWithoutDataTimeTakesTheFirstPartsOne() {
        splits.dataTime(part("M1", 1, 3, "DataTime=20261129080000;a34004-Avg=1"), 0);
        assertThat(splits.dataTime(part("M1", 2, 3, "a34002-Avg=1"), 1)).isEqualTo("20261129080000");
        assertThat(splits.dataTime(part("M1", 3, 3, "a21005-Avg=1"), 2)).isEqualTo("20261129080000");
        assertThat(splits.dataTime(part("M1", 2, 3, "a34002-Avg=1"), 3)).as("forgotten after the last part").isNull();
    }

    @Test
    void isBoundedInCountAndAge() {
        splits.dataTime(part("M1", 1, 2, "DataTime=20261129080000"), 0);
        splits.dataTime(part("M2", 1, 2, "DataTime=20261129080000"), 0);
        splits.dataTime(part("M3", 1, 2, "DataTime=20261129080000"), 0);
        assertThat(splits.size()).isEqualTo(2);
        assertThat(splits.dataTime(part("M1", 2, 2, ""), 1)).as("the oldest was dropped").isNull();

        long elevenMinutes = Duration.ofMinutes(11).toNanos();
        assertThat(splits.dataTime(part("M3", 2, 2, ""), elevenMinutes)).as("expired").isNull();
        assertThat(splits.size()).isZero();
    }
}
