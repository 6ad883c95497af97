package io.lantian.ingest.hj212;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Packets for the HJ 212 tests: well-formed ones built on demand, and a catalogue of malformed ones. */
final class Hj212Samples {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final AtomicLong QN_SEQUENCE = new AtomicLong();

    private Hj212Samples() {
    }

    /** A fresh QN (17 digits), distinct within the test run so answers can be matched to packets. */
    static String qn() {
        String time = LocalDateTime.now(BEIJING).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        return time + String.format(Locale.ROOT, "%03d", QN_SEQUENCE.incrementAndGet() % 1000);
    }

    static String dataTime(LocalDateTime beijing) {
        return beijing.format(DATA_TIME);
    }

    /** {@code QN=…;ST=22;CN=…;PW=…;MN=…;Flag=…;CP=&&…&&} */
    static String segment(String qn, String cn, String pw, String mn, int flag, String cp) {
        return "QN=" + qn + ";ST=22;CN=" + cn + ";PW=" + pw + ";MN=" + mn + ";Flag=" + flag + ";CP=&&" + cp + "&&";
    }

    static byte[] frame(String segment) {
        return Hj212Frame.encode(segment);
    }

    /** A frame with the CRC given instead of the right one. */
    static byte[] frameWithCrc(String segment, String crc) {
        byte[] data = segment.getBytes(StandardCharsets.UTF_8);
        return concat(("##" + String.format(Locale.ROOT, "%04d", data.length)).getBytes(StandardCharsets.US_ASCII), data,
                (crc + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A frame around raw segment bytes, with their correct CRC. */
    static byte[] frame(byte[] data) {
        return concat(("##" + String.format(Locale.ROOT, "%04d", data.length)).getBytes(StandardCharsets.US_ASCII), data,
                (Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A malformed input and the defect the receiver reports first. */
    record Malformed(String name, byte[] bytes, Hj212Defect expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String GOOD = segment("20261129090012345", "2061", "demo-pw", "MJ410308000001", 5,
            "DataTime=20261129080000;a34004-Avg=168,a34004-Flag=N");
    static final String STANDARD_EXAMPLE = Hj212CrcTest.STANDARD_EXAMPLE;

    private static Malformed parse(String name, String segment, Hj212Defect expected) {
        return new Malformed(name, frame(segment), expected);
    }

    private static String header(String fields) {
        return fields + ";CP=&&DataTime=20261129080000;a34004-Avg=168&&";
    }

    /**
     * Every one is CRC-correct unless its name says otherwise, so it reaches the check it is meant to fail. None
     * makes the decoder wait for bytes that never come: sent in a row, each is decided on its own.
     */
    static final List<Malformed> MALFORMED = List.of(
            new Malformed("CRC off by one", frameWithCrc(STANDARD_EXAMPLE, "1C81"), Hj212Defect.CRC_MISMATCH),
            new Malformed("the standard's misprinted CRC 1C08", frameWithCrc(STANDARD_EXAMPLE, "1C08"), Hj212Defect.CRC_MISMATCH),
            new Malformed("CRC-16/MODBUS instead of HJ 212's", frameWithCrc(STANDARD_EXAMPLE, "0759"), Hj212Defect.CRC_MISMATCH),
            new Malformed("published sample whose CRC is wrong (1100, right: 2D00)", frameWithCrc(
                    "QN=20190901181526940;ST=32;CN=2011;PW=123456;MN=Y80110010000010;Flag=4;CP=&&DataTime=20190901181500;a21005-Rtd=1.760,a21005-Flag=N;a21026-Rtd=106.400,a21026-Flag=N;O3-Rtd=63.400,O3-Flag=N;a21004-Rtd=63.200,a21004-Flag=N;a34002-Rtd=9,a34002-Flag=N;a34004-Rtd=4,a34004-Flag=N&&",
                    "1100"), Hj212Defect.CRC_MISMATCH),
            new Malformed("CRC not hexadecimal", frameWithCrc(GOOD, "ZZ80"), Hj212Defect.BAD_CRC_FIELD),
            new Malformed("length field not numeric", ascii("##01a1QN=1;CP=&&&&FFFF\r\n"), Hj212Defect.BAD_LENGTH_FIELD),
            new Malformed("absurd length 9999", ascii("##9999QN=20261129090012345;CP=&&&&FFFF\r\n"), Hj212Defect.LENGTH_TOO_LARGE),
            new Malformed("length 1025, one above the maximum", ascii("##1025" + "x".repeat(40) + "\r\n"), Hj212Defect.LENGTH_TOO_LARGE),
            new Malformed("declared length shorter than the segment", concat(ascii("##0050"),
                    ascii(GOOD), ascii(Hj212Crc.hex(Hj212Crc.of(ascii(GOOD))) + "\r\n")), Hj212Defect.BAD_TAIL),
            new Malformed("LF without CR", concat(ascii("##" + String.format("%04d", GOOD.length()) + GOOD
                    + Hj212Crc.hex(Hj212Crc.of(ascii(GOOD)))), ascii("\n\n")), Hj212Defect.BAD_TAIL),
            new Malformed("HTTP request on the HJ 212 port", ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Hj212Defect.GARBAGE),
            new Malformed("binary noise", new byte[]{0, (byte) 0xFF, 0x13, 0x37, (byte) 0x80, 0x7F, 0x01}, Hj212Defect.GARBAGE),
            new Malformed("NUL inside the segment", frame(concat(ascii(GOOD.substring(0, 30)), new byte[]{0},
                    ascii(GOOD.substring(30)))), Hj212Defect.NOT_TEXT),
            new Malformed("not UTF-8", frame(concat(ascii(GOOD.substring(0, 30)), new byte[]{(byte) 0xC3, 0x28},
                    ascii(GOOD.substring(30)))), Hj212Defect.NOT_TEXT),
            new Malformed("empty data segment", ascii("##0000FFFF\r\n"), Hj212Defect.BAD_SYNTAX),
            parse("no CP", "QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=5", Hj212Defect.BAD_SYNTAX),
            parse("CP not closed", "QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=5;CP=&&DataTime=20261129080000",
                    Hj212Defect.BAD_SYNTAX),
            parse("header piece without =", header("QN=20261129090012345;ST=22;CN2061;PW=demo-pw;MN=MJ410308000001;Flag=5"),
                    Hj212Defect.BAD_SYNTAX),
            parse("MN twice", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;MN=MJ410308000002;Flag=5"),
                    Hj212Defect.DUPLICATE_FIELD),
            parse("no QN (HJ/T 212-2005 style)", header("ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=5"), Hj212Defect.MISSING_FIELD),
            parse("no Flag (HJ/T 212-2005 style)", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001"),
                    Hj212Defect.MISSING_FIELD),
            parse("no MN", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;Flag=5"), Hj212Defect.MISSING_FIELD),
            parse("no PW", header("QN=20261129090012345;ST=22;CN=2061;MN=MJ410308000001;Flag=5"), Hj212Defect.MISSING_FIELD),
            parse("field names in lower case", header("qn=20261129090012345;st=22;cn=2061;pw=demo-pw;mn=MJ410308000001;flag=5"),
                    Hj212Defect.MISSING_FIELD),
            parse("QN of 16 digits", header("QN=2026112909001234;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=5"),
                    Hj212Defect.BAD_FIELD_VALUE),
            parse("CN not numeric", header("QN=20261129090012345;ST=22;CN=20a1;PW=demo-pw;MN=MJ410308000001;Flag=5"),
                    Hj212Defect.BAD_FIELD_VALUE),
            parse("ST in lower case", header("QN=20261129090012345;ST=2a;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=5"),
                    Hj212Defect.BAD_FIELD_VALUE),
            parse("MN of 25 characters", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=" + "A".repeat(25) + ";Flag=5"),
                    Hj212Defect.BAD_FIELD_VALUE),
            parse("MN with a dash", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ-4103;Flag=5"), Hj212Defect.BAD_FIELD_VALUE),
            parse("PW of 33 characters", header("QN=20261129090012345;ST=22;CN=2061;PW=" + "p".repeat(33) + ";MN=MJ410308000001;Flag=5"),
                    Hj212Defect.BAD_FIELD_VALUE),
            parse("Flag 256", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=256"), Hj212Defect.BAD_FIELD_VALUE),
            parse("Flag negative", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=-1"), Hj212Defect.BAD_FIELD_VALUE),
            parse("split flag without PNUM/PNO", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=7"),
                    Hj212Defect.BAD_SPLIT),
            parse("PNO above PNUM", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=7;PNUM=2;PNO=3"),
                    Hj212Defect.BAD_SPLIT),
            parse("PNO 0", header("QN=20261129090012345;ST=22;CN=2061;PW=demo-pw;MN=MJ410308000001;Flag=7;PNUM=2;PNO=0"),
                    Hj212Defect.BAD_SPLIT));
}
