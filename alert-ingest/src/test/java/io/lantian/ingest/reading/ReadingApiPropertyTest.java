package io.lantian.ingest.reading;

import io.lantian.ingest.IngestTestSupport;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and near-valid JSON against the real {@code POST /api/v1/readings} (real HTTP, real broker and
 * database): whatever arrives, the answer is a 2xx or a 4xx problem — never a 5xx, never an escaped exception.
 * Property-based in plain JUnit: every case draws from a Random with its own seed, named when it fails.
 */
class ReadingApiPropertyTest extends IngestTestSupport {

    static final String[] SCALARS = {"true", "false", "null", "-999", "1e308", "-1e-308", "0", "[]", "{}", "\"\"",
            "\"2026-11-29T08:00:00Z\"", "\"2026-11-29T16:00:00+08:00\"", "\"yesterday\"", "\"PM2_5\"", "\"PM2.5\"", "\"CO\"",
            "\"µg/m³\"", "\"mg/m3\"", "\"ppb\"", "\"MJ-T-HM\"", "\"MJ-M-001\"", "\"PT1H\"", "\"PT7M\"", "[\"M\",\"C\"]",
            "[1,2]", "{\"a\":{}}", "NaN", "Infinity"};
    static final String[] KEYS = {"stationId", "pollutant", "value", "unit", "periodEnd", "averaging", "flags"};

    @LocalServerPort
    int port;

    @Test
    void anyBodyGetsA2xxOrA4xxProblem() {
        ApiClient api = ApiClient.onPort(port);
        for (int i = 0; i < 300; i++) {
            long seed = 20261129L + i;
            String body = body(new Random(seed));
            var response = api.postJson("/api/v1/readings", TestTokens.ingest(), body);

            assertThat(response.status()).as("seed %d: %s -> %s", seed, body, response.body()).isBetween(200, 499);
            if (response.status() >= 400) {
                assertThat(response.contentType()).as("seed %d", seed).startsWith("application/problem+json");
            }
        }
    }

    static String body(Random random) {
        return switch (random.nextInt(7)) {
            case 0, 1, 2 -> batch(random);
            case 3 -> item(random);
            case 4 -> scalar(random);
            case 5 -> text(random, 60);
            default -> {
                String b = batch(random);
                yield b.substring(0, b.length() / 2); // cut off half-way
            }
        };
    }

    static String batch(Random random) {
        List<String> items = new ArrayList<>();
        for (int n = random.nextInt(13); n > 0; n--) {
            items.add(random.nextInt(4) == 0 ? scalar(random) : item(random));
        }
        return "{\"readings\":[" + String.join(",", items) + "]}";
    }

    static String item(Random random) {
        List<String> fields = new ArrayList<>();
        for (int n = random.nextInt(9); n > 0; n--) {
            String key = random.nextInt(4) == 0 ? text(random, 8) : KEYS[random.nextInt(KEYS.length)];
            fields.add(quote(key) + ":" + scalar(random));
        }
        return fields.stream().collect(Collectors.joining(",", "{", "}"));
    }

    static String scalar(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> quote(text(random, 30));
            case 1 -> String.valueOf(random.nextInt());
            case 2 -> String.valueOf(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            default -> SCALARS[random.nextInt(SCALARS.length)];
        };
    }

    /** Any characters, including control characters, quotes and non-ASCII. */
    static String text(Random random, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            s.append(random.nextInt(5) == 0 ? (char) random.nextInt(0x3000) : (char) (0x20 + random.nextInt(0x5f)));
        }
        return s.toString();
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        s.chars().forEach(c -> q.append(c == '"' || c == '\\' ? "\\" + (char) c
                : c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return q.append('"').toString();
    }
}
