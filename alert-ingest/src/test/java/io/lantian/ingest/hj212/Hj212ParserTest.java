package io.lantian.ingest.hj212;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Hj212ParserTest {

    static Hj212Packet packet(String segment) {
        Hj212Parsed parsed = Hj212Parser.parse(segment.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).as(segment).isInstanceOf(Hj212Packet.class);
        return (Hj212Packet) parsed;
    }

    @Test
    void readsTheHeaderAndGroupsCpByCode() {
        Hj212Packet p = packet("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=5;CP=&&"
                + "DataTime=20261129080000;a34004-Avg=168,a34004-Flag=N;a34002-Min=90,a34002-Avg=221,a34002-Max=300,a34002-Flag=M&&");

        assertThat(p.qn()).isEqualTo("20261129090012345");
        assertThat(p.st()).isEqualTo("22");
        assertThat(p.cn()).isEqualTo("2061");
        assertThat(p.pw()).isEqualTo("demo-pw");
        assertThat(p.mn()).isEqualTo("MJ410308000001");
        assertThat(p.flag()).isEqualTo(5);
        assertThat(p.wantsAnswer()).isTrue();
        assertThat(p.isSplit()).isFalse();
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.dataTime()).hasValue("20261129080000");
        assertThat(p.items()).extracting(Hj212Item::code).containsExactly("a34004", "a34002");
        assertThat(p.items().get(1).field("Avg")).hasValue("221");
        assertThat(p.items().get(1).field("flag")).hasValue("M");
        assertThat(p.toString()).doesNotContain("demo-pw");
    }

    @Test
    void readsTheStandardsExample() {
        Hj212Packet p = packet(Hj212CrcTest.STANDARD_EXAMPLE);
        assertThat(p.mn()).isEqualTo("010000A8900016F000169DC0");
        assertThat(p.parameter("RtdInterval")).hasValue("30");
        assertThat(p.items()).isEmpty();
    }

    @Test
    void readsSplitPacketsInEitherFieldOrder() {
        Hj212Packet p = packet("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=7;PNO=2;PNUM=2;CP=&&a34004-Avg=1&&");
        assertThat(p.isSplit()).isTrue();
        assertThat(p.pnum()).isEqualTo(2);
        assertThat(p.pno()).isEqualTo(2);
    }

    @Test
    void isLiberalInsideCp() {
        // ',' between items, ';' between values of one item, a piece without '=', a lower-case suffix, empty pieces
        Hj212Packet p = packet("MN=MJ410308000001;QN=20261129090012345;Flag=4;PW=p;CN=2011;ST=22;CP=&&"
                + "DataTime=20261129080000,a34004-Rtd=1;a34004-flag=N;;junk;a21005-RTD=0.5&&");
        assertThat(p.items()).hasSize(2);
        assertThat(p.items().get(0).field("Flag")).hasValue("N");
        assertThat(p.items().get(1).field("Rtd")).hasValue("0.5");
        assertThat(p.ignored()).isEqualTo(1);
    }

    @Test
    void anEmptyCpIsAPacket() {
        assertThat(packet("QN=20261129090012345;ST=91;CN=9014;PW=demo-pw;MN=MJ410308000001;Flag=4;CP=&&&&").items()).isEmpty();
    }

    @Test
    void acceptsLongerMnAndPwThanTheStandardsAsProvincialPlatformsIssueThem() {
        Hj212Packet p = packet("QN=20190925181031464;ST=22;CN=2061;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=5;CP=&&&&");
        assertThat(p.pw()).hasSize(24);
    }

    @Test
    void recordsTheEditionWithoutRefusingIt() {
        assertThat(packet("QN=20261129090012345;ST=22;CN=2011;PW=p;MN=M1;Flag=9;CP=&&&&").version()).isEqualTo(2);
        assertThat(packet("QN=20261129090012345;ST=22;CN=2011;PW=p;MN=M1;Flag=1;CP=&&&&").version()).isZero();
        assertThat(packet("QN=20261129090012345;ST=22;CN=2011;PW=p;MN=M1;Flag=253;CP=&&&&").version()).isEqualTo(63);
    }

    static final List<Hj212Samples.Malformed> PARSE_DEFECTS = Hj212Samples.MALFORMED.stream()
            .filter(m -> m.expected().result().equals("malformed")).toList();

    @ParameterizedTest(name = "{0}")
    @FieldSource("PARSE_DEFECTS")
    void refusesMalformedSegmentsWithTheirReason(Hj212Samples.Malformed sample) {
        Hj212Decoded decoded = Hj212FrameDecoderTest.decode(sample.bytes(), 4096).get(0);
        Hj212Parsed parsed = Hj212Parser.parse(((Hj212Frame) decoded).segment());

        assertThat(parsed).isInstanceOf(Hj212Malformed.class);
        assertThat(((Hj212Malformed) parsed).defect()).isEqualTo(sample.expected());
        assertThat(((Hj212Malformed) parsed).detail()).doesNotContain("demo-pw");
    }

    @Test
    void theMalformedCatalogueHoldsAtLeastTwentyDistinctCases() {
        assertThat(Hj212Samples.MALFORMED).hasSizeGreaterThanOrEqualTo(20);
        assertThat(Hj212Samples.MALFORMED.stream().map(Hj212Samples.Malformed::name).distinct()).hasSameSizeAs(Hj212Samples.MALFORMED);
        assertThat(PARSE_DEFECTS).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void keepsTheCnOfAMalformedPacketForTheMetric() {
        Hj212Parsed parsed = Hj212Parser.parse("QN=1;ST=22;CN=2061;PW=p;MN=M;Flag=5;CP=&&&&");
        assertThat(parsed).isEqualTo(new Hj212Malformed(Hj212Defect.BAD_FIELD_VALUE, "QN must be 17 digits: 1", "2061"));
    }
}
