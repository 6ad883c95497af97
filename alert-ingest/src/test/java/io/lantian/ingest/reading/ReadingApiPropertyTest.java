package io.lantian.ingest.reading;

import io.lantian.ingest.IngestApplication;
import io.lantian.platform.ServiceApplication;
import io.lantian.testing.ApiClient;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and near-valid JSON against the real {@code POST /api/v1/readings} (real HTTP, real broker and
 * database): whatever arrives, the answer is a 2xx or a 4xx problem — never a 5xx, never an escaped exception.
 */
class ReadingApiPropertyTest {

    static ConfigurableApplicationContext app;
    static ApiClient api;

    @BeforeContainer
    static void start() {
        TestInfra.Database db = TestInfra.database();
        app = ServiceApplication.builder(IngestApplication.class, IngestApplication.NAME).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--lantian.security.hmac-secret=" + TestTokens.secret(),
                "--lantian.ingest.stations-seed-file=classpath:demo/mengjin-stations.json");
        api = ApiClient.onPort(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 300)
    void anyBodyGetsA2xxOrA4xxProblem(@ForAll("bodies") String body) {
        var response = api.postJson("/api/v1/readings", TestTokens.ingest(), body);

        assertThat(response.status()).as("%s -> %s", body, response.body()).isBetween(200, 499);
        if (response.status() >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(ReadingApiPropertyTest::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf), // includes NaN/Infinity: not JSON at all
                Arbitraries.of("true", "false", "null", "-999", "1e308", "-1e-308", "0", "[]", "{}", "\"\"",
                        "\"2026-11-29T08:00:00Z\"", "\"2026-11-29T16:00:00+08:00\"", "\"yesterday\"", "\"PM2_5\"", "\"PM2.5\"",
                        "\"CO\"", "\"µg/m³\"", "\"mg/m3\"", "\"ppb\"", "\"MJ-T-HM\"", "\"MJ-M-001\"", "\"PT1H\"", "\"PT7M\"",
                        "[\"M\",\"C\"]", "[1,2]", "{\"a\":{}}"));
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of("stationId", "pollutant", "value", "unit", "periodEnd", "averaging", "flags"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> item = Arbitraries.maps(key, scalar).ofMaxSize(8).map(m -> m.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}")));
        Arbitrary<String> batch = Arbitraries.oneOf(item, scalar).list().ofMaxSize(12)
                .map(items -> "{\"readings\":[" + String.join(",", items) + "]}");
        return Arbitraries.oneOf(batch, batch, batch, item, scalar,
                Arbitraries.strings().ofMaxLength(60),
                batch.map(b -> b.substring(0, Math.max(0, b.length() / 2)))); // cut off half-way
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").chars()
                .mapToObj(c -> c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(Collectors.joining()) + '"';
    }

}
