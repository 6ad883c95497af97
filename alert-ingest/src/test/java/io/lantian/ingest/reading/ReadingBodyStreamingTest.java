package io.lantian.ingest.reading;

import io.lantian.ingest.IngestTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed request body ({@link ReadingItem}) gives every item exactly what the tree of the whole body gave
 * before — the same submission and the same input text for a rejection — and the hand-written 202 answer
 * ({@link BatchResultJson}) is byte for byte what the web mapper's data binding writes. With the web mapper of the
 * running service, over generated items: plain, near-plain, repeated and oddly typed fields, unicode and escapes.
 */
class ReadingBodyStreamingTest extends IngestTestSupport {

    static final String[] VALUES = {"true", "false", "null", "-999", "12", "12.50", "1e3", "-0.0", "1e308", "1E-7",
            "123456789012345678901234567890", "9223372036854775807", "9223372036854775808", "0.1", "[]", "{}", "\"\"",
            "\"2026-11-29T08:00:00Z\"", "\"2026-11-29T16:00:00+08:00\"", "\"PM2_5\"", "\"PM2.5\"", "\"µg/m³\"",
            "\"\\u00b5g/m\\u00b3\"", "\"mg/m3\"", "\"MJ-T-HM\"", "\"MJ-M-001\"", "\"会盟镇\"", "\"a\\\"b\\\\c\\n\"", "\"PT1H\"",
            "\"PT5M\"", "[\"M\",\"C\"]", "[\"M\",1]", "[null]", "[\"\\ud83d\\ude00\"]", "[[\"M\"]]", "{\"a\":{\"b\":[1,2]}}"};
    static final String[] KEYS = {"stationId", "pollutant", "value", "unit", "periodEnd", "averaging", "flags", "other", "stationID"};
    static final String[] SPACES = {"", "", "", " ", "\n  ", "\t"};

    @Autowired
    JsonMapper json;

    @Test
    void streamedItemsReadAsTheirTreesDid() {
        ReadingController controller = new ReadingController(null, null, json);
        Random random = new Random(20261129);
        int plain = 0;
        for (int round = 0; round < 400; round++) {
            List<String> items = new ArrayList<>();
            for (int i = random.nextInt(30); i >= 0; i--) {
                items.add(item(random));
            }
            byte[] body = ("{" + space(random) + "\"readings\":" + space(random) + "["
                    + items.stream().map(item -> space(random) + item + space(random)).collect(Collectors.joining(","))
                    + "]" + space(random) + "}").getBytes(StandardCharsets.UTF_8);

            List<ReadingItem> streamed = json.readValue(body, ReadingController.ReadingBatch.class).readings();
            List<JsonNode> trees = new ArrayList<>();
            json.readTree(body).get("readings").forEach(trees::add);

            assertThat(streamed).hasSameSizeAs(trees);
            for (int i = 0; i < trees.size(); i++) {
                RawReading before = ReadingController.read(trees.get(i).isNull() ? null : trees.get(i));
                RawReading after = controller.read(streamed.get(i), body);
                String what = "round " + round + " item " + i + ": " + items.get(i);
                assertThat(after.submission()).as(what).isEqualTo(before.submission());
                assertThat(after.raw()).as(what).isEqualTo(before.raw());
                if (streamed.get(i) != null && streamed.get(i).submission() != null) {
                    plain++;
                }
            }
        }
        assertThat(plain).as("items read straight from the parser").isGreaterThan(1000);
    }

    @Test
    void theAnswerIsWhatDataBindingWrites() {
        Random random = new Random(20261129);
        int handWritten = 0;
        for (int round = 0; round < 300; round++) {
            List<IntakeOutcome> results = new ArrayList<>();
            boolean plain = round % 3 == 0;       // what stations get: ids and messages without escapes
            int size = random.nextInt(600);
            for (int i = 0; i < size; i++) {
                if (random.nextInt(5) > 0 || plain) {
                    results.add(IntakeOutcome.accepted(i, (plain ? "MJ-T-HM" : text(random)) + "/PM2_5/2026-11-29T08:00:00Z/PT1H"));
                } else {
                    Rejection.Reason reason = Rejection.Reason.values()[random.nextInt(Rejection.Reason.values().length)];
                    results.add(IntakeOutcome.rejected(i, new Rejection(reason, random.nextInt(10) == 0 ? null : text(random))));
                }
            }
            if (plain && size > 0) {
                Rejection.Reason reason = Rejection.Reason.values()[random.nextInt(Rejection.Reason.values().length)];
                results.set(random.nextInt(size), IntakeOutcome.rejected(0, new Rejection(reason, "station NOPE µg/m³ 会盟镇")));
            }
            int accepted = (int) results.stream().filter(IntakeOutcome::isAccepted).count();
            byte[] expected = json.writeValueAsBytes(new ReadingController.BatchResult(accepted, results.size() - accepted, results));
            assertThat(BatchResultJson.write(json, accepted, results.size() - accepted, results)).isEqualTo(expected);
            assertThat(BatchResultJson.withGenerator(json, accepted, results.size() - accepted, results)).isEqualTo(expected);
            byte[] byHand = BatchResultJson.byHand(accepted, results.size() - accepted, results);
            if (byHand != null) {
                handWritten++;
                assertThat(new String(byHand, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            }
        }
        assertThat(handWritten).as("answers written by hand").isGreaterThanOrEqualTo(100);
    }

    static String item(Random random) {
        if (random.nextInt(12) == 0) {
            return VALUES[random.nextInt(VALUES.length)];                         // not an object
        }
        List<String> fields = new ArrayList<>();
        if (random.nextInt(3) > 0) {                                              // a plain, valid-looking item
            fields.add("\"stationId\":\"MJ-T-HM\"");
            fields.add("\"pollutant\":\"PM2_5\"");
            fields.add("\"value\":" + (random.nextBoolean() ? random.nextInt(500) : random.nextInt(5000) / 10.0));
            fields.add("\"unit\":\"µg/m³\"");
            fields.add("\"periodEnd\":\"2026-11-29T08:00:00Z\"");
            if (random.nextBoolean()) {
                fields.add("\"averaging\":\"PT1H\"");
            }
            if (random.nextBoolean()) {
                fields.add("\"flags\":[\"M\"]");
            }
        }
        for (int n = random.nextInt(fields.isEmpty() ? 8 : 3); n > 0; n--) {   // more fields, perhaps repeated
            fields.add(random.nextInt(fields.size() + 1), "\"" + KEYS[random.nextInt(KEYS.length)] + "\":"
                    + space(random) + VALUES[random.nextInt(VALUES.length)]);
        }
        return "{" + fields.stream().map(f -> space(random) + f).collect(Collectors.joining(",")) + space(random) + "}";
    }

    static String space(Random random) {
        return SPACES[random.nextInt(SPACES.length)];
    }

    static String text(Random random) {
        String alphabet = "abcMJ-T/_ µ³会盟\"\\\n\u0001\u2028";
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(10); n > 0; n--) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
