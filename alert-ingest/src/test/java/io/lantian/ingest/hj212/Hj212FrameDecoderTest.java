package io.lantian.ingest.hj212;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.lantian.ingest.hj212.Hj212Samples.ascii;
import static io.lantian.ingest.hj212.Hj212Samples.concat;
import static org.assertj.core.api.Assertions.assertThat;

class Hj212FrameDecoderTest {

    /** Feeds bytes as a socket would, in chunks of {@code chunk}, and collects everything decoded. */
    static List<Hj212Decoded> decode(byte[] stream, int chunk) {
        Hj212FrameDecoder decoder = new Hj212FrameDecoder();
        List<Hj212Decoded> out = new ArrayList<>();
        int at = 0;
        while (true) {
            Hj212Decoded next = decoder.next();
            if (next != null) {
                out.add(next);
                continue;
            }
            if (at == stream.length) {
                return out;
            }
            at += decoder.append(stream, at, Math.min(chunk, stream.length - at));
            assertThat(decoder.buffered()).isLessThanOrEqualTo(Hj212Frame.MAX_FRAME);
        }
    }

    static String text(Hj212Decoded decoded) {
        return new String(((Hj212Frame) decoded).segment(), StandardCharsets.UTF_8);
    }

    @Test
    void decodesTheStandardsExample() {
        byte[] frame = ascii("##0101" + Hj212CrcTest.STANDARD_EXAMPLE + "1C80\r\n");

        List<Hj212Decoded> out = decode(frame, 4096);

        assertThat(out).hasSize(1);
        assertThat(text(out.get(0))).isEqualTo(Hj212CrcTest.STANDARD_EXAMPLE);
        assertThat(((Hj212Frame) out.get(0)).text()).isEqualTo("##0101" + Hj212CrcTest.STANDARD_EXAMPLE + "1C80");
    }

    @Test
    void acceptsALowerCaseCrc() {
        assertThat(decode(ascii("##0101" + Hj212CrcTest.STANDARD_EXAMPLE + "1c80\r\n"), 4096)).singleElement()
                .isInstanceOf(Hj212Frame.class);
    }

    @Test
    void reassemblesAFrameSplitAcrossReadsEvenOneByteAtATime() {
        byte[] frame = Hj212Samples.frame(Hj212Samples.GOOD);
        for (int chunk : new int[]{1, 2, 3, 7, 100}) {
            List<Hj212Decoded> out = decode(frame, chunk);
            assertThat(out).as("chunks of %d", chunk).hasSize(1);
            assertThat(text(out.get(0))).isEqualTo(Hj212Samples.GOOD);
        }
    }

    @Test
    void decodesSeveralFramesInOneRead() {
        byte[] stream = concat(Hj212Samples.frame(Hj212Samples.GOOD), Hj212Samples.frame(Hj212CrcTest.STANDARD_EXAMPLE),
                Hj212Samples.frame(Hj212Samples.GOOD));
        assertThat(decode(stream, 4096)).hasSize(3).allMatch(d -> d instanceof Hj212Frame);
    }

    @Test
    void takesTheLongestSegmentAndRefusesOneByteMore() {
        String longest = "x".repeat(Hj212Frame.MAX_SEGMENT);
        assertThat(decode(Hj212Samples.frame(ascii(longest)), 500)).singleElement().isInstanceOf(Hj212Frame.class);

        List<Hj212Decoded> tooLong = decode(Hj212Samples.frame(ascii(longest + "x")), 500);
        assertThat(tooLong).first().isEqualTo(new Hj212FrameDefect(Hj212Defect.LENGTH_TOO_LARGE, "##1025", 2));
        assertThat(tooLong).noneMatch(d -> d instanceof Hj212Frame);
    }

    @Test
    void everyMalformedSampleIsReportedAndYieldsNoFrame() {
        for (Hj212Samples.Malformed sample : Hj212Samples.MALFORMED) {
            List<Hj212Decoded> out = decode(sample.bytes(), 64);
            if (sample.expected().result().equals("malformed")) {
                // framing is right: the parser refuses it (Hj212ParserTest)
                assertThat(out).as(sample.name()).singleElement().isInstanceOf(Hj212Frame.class);
            } else {
                assertThat(out).as(sample.name()).isNotEmpty().noneMatch(d -> d instanceof Hj212Frame);
                assertThat(((Hj212FrameDefect) out.get(0)).defect()).as(sample.name()).isEqualTo(sample.expected());
            }
        }
    }

    /** After any defect the decoder finds the next good frame: malformed input never swallows valid input. */
    @Test
    void resynchronisesOnTheNextFrameAfterEachDefect() {
        byte[] good = Hj212Samples.frame(Hj212Samples.GOOD);
        for (Hj212Samples.Malformed sample : Hj212Samples.MALFORMED) {
            List<Hj212Decoded> out = decode(concat(sample.bytes(), good), 37);
            assertThat(out).as(sample.name()).last().isInstanceOf(Hj212Frame.class);
            assertThat(text(out.get(out.size() - 1))).as(sample.name()).isEqualTo(Hj212Samples.GOOD);
        }
    }

    @Test
    void aStrayHashBeforeTheHeaderIsDroppedAlone() {
        List<Hj212Decoded> out = decode(concat(ascii("#"), Hj212Samples.frame(Hj212Samples.GOOD)), 4096);
        assertThat(out).hasSize(2);
        assertThat(((Hj212FrameDefect) out.get(0)).defect()).isEqualTo(Hj212Defect.BAD_LENGTH_FIELD);
        assertThat(((Hj212FrameDefect) out.get(0)).length()).isEqualTo(1);
        assertThat(text(out.get(1))).isEqualTo(Hj212Samples.GOOD);
    }

    /** Some field devices count CRC and CR LF in the length (+6): not HJ 212-2017, refused, and the next frame still decodes. */
    @Test
    void theLegacyPlusSixLengthIsRefused() {
        String segment = Hj212Samples.GOOD;
        byte[] legacy = ascii("##" + String.format("%04d", segment.length() + 6) + segment
                + Hj212Crc.hex(Hj212Crc.of(ascii(segment))) + "\r\n");

        List<Hj212Decoded> out = decode(concat(legacy, Hj212Samples.frame(Hj212Samples.GOOD)), 4096);

        assertThat(((Hj212FrameDefect) out.get(0)).defect()).isEqualTo(Hj212Defect.BAD_TAIL);
        assertThat(out.stream().filter(d -> d instanceof Hj212Frame)).hasSize(1);
    }

    @Test
    void waitsForTheRestOfAFrameAndForALoneHash() {
        Hj212FrameDecoder decoder = new Hj212FrameDecoder();
        byte[] frame = Hj212Samples.frame(Hj212Samples.GOOD);
        decoder.append(frame, 0, frame.length - 1);
        assertThat(decoder.next()).isNull();
        decoder.append(frame, frame.length - 1, 1);
        assertThat(decoder.next()).isInstanceOf(Hj212Frame.class);
        assertThat(decoder.buffered()).isZero();

        decoder.append(ascii("#"), 0, 1);
        assertThat(decoder.next()).isNull();
        assertThat(decoder.buffered()).isEqualTo(1);
    }

    /** A full buffer always decides something: memory per connection stays one frame whatever arrives. */
    @Test
    void neverHoldsMoreThanOneFrameOfRandomBytes() {
        Random random = new Random(1036);
        byte[] noise = new byte[200_000];
        random.nextBytes(noise);
        for (int i = 0; i < noise.length; i += 50) { // sprinkle headers so the decoder tries frames often
            noise[i] = '#';
            noise[i + 1] = '#';
        }
        Hj212FrameDecoder decoder = new Hj212FrameDecoder();
        int at = 0;
        while (at < noise.length) {
            at += decoder.append(noise, at, Math.min(997, noise.length - at));
            while (decoder.next() != null) {
                assertThat(decoder.buffered()).isLessThanOrEqualTo(Hj212Frame.MAX_FRAME);
            }
            assertThat(decoder.free()).isPositive();
        }
    }

    @Test
    void defectsShowTheirStartWithoutThePassword() {
        Hj212FrameDefect defect = (Hj212FrameDefect) decode(Hj212Samples.frameWithCrc(Hj212Samples.GOOD, "0000"), 4096).get(0);
        assertThat(defect.defect()).isEqualTo(Hj212Defect.CRC_MISMATCH);
        assertThat(defect.excerpt()).startsWith("##0130QN=20261129090012345;ST=22;CN=2061;PW=***;MN=").doesNotContain("demo-pw");
    }

    @Test
    void encodesAFrameThatDecodesAgain() {
        byte[] frame = Hj212Frame.encode(Hj212CrcTest.STANDARD_EXAMPLE);
        assertThat(new String(frame, StandardCharsets.US_ASCII)).isEqualTo("##0101" + Hj212CrcTest.STANDARD_EXAMPLE + "1C80\r\n");
        assertThat(text(decode(frame, 10).get(0))).isEqualTo(Hj212CrcTest.STANDARD_EXAMPLE);
    }
}
