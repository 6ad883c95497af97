package io.lantian.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingLoadTest {

    @Test
    void resultLineRoundTrips() {
        ReadingLoad.Result result = new ReadingLoad.Result(400_000, 0, 800, 20.0, 150, 420, 900,
                Map.of(429, 3L, 503, 1L), 2, 404_000, 11.5);

        ReadingLoad.Result parsed = ReadingLoad.Result.parse(result.line());

        assertThat(parsed).isEqualTo(result);
        assertThat(parsed.readingsPerSecond()).isEqualTo(20_000);
        assertThat(parsed.errors()).isEqualTo(6);
    }

    @Test
    void readsTheCountsFromA202Body() {
        String body = "{\"accepted\":498,\"rejected\":2,\"results\":[{\"index\":0,\"status\":\"ACCEPTED\"}]}";
        assertThat(ReadingLoad.field(body, "\"accepted\":")).isEqualTo(498);
        assertThat(ReadingLoad.field(body, "\"rejected\":")).isEqualTo(2);
        assertThat(ReadingLoad.field(body, "\"missing\":")).isZero();
    }
}
