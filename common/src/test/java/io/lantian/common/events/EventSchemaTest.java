package io.lantian.common.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.Pollutant;
import io.lantian.common.topics.Topic;
import io.lantian.common.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Serializes real event records with the wire mapper and validates them against their topic's JSON Schema. */
class EventSchemaTest {

    static final Instant T = Instant.parse("2026-11-29T08:00:00Z");

    static final Map<Topic<?, ?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(Topics.STATIONS, new StationRegistered("MJ-CC", "城关镇", StationClass.TOWNSHIP, "mengjin", "城关镇",
                    34.826, 112.443, EnumSet.allOf(Pollutant.class), true)),
            Map.entry(Topics.READINGS, new ReadingAccepted("MJ-CC/PM2_5/2026-11-29T08:00:00Z/PT1H", "MJ-CC", "mengjin",
                    Pollutant.PM2_5, 153.0, "µg/m³", T, Duration.ofHours(1), ReadingAccepted.Source.HTTP, List.of(), T)),
            Map.entry(Topics.READINGS_REJECTED, new ReadingRejected("MJ-CC", ReadingAccepted.Source.HTTP, "SENTINEL",
                    "value -999.0 is a no-data marker", "{\"stationId\":\"MJ-CC\",\"value\":-999}", T)),
            Map.entry(Topics.FORECASTS, new ForecastIssued(UUID.randomUUID().toString(), "mengjin", T, "officer-zhang",
                    "municipal-forecast-centre", List.of(new ForecastIssued.Day(java.time.LocalDate.of(2026, 12, 1), 215, 190, 240, "PM2_5")),
                    List.of())),
            Map.entry(Topics.REGION_AQI, new RegionAqiEvent("mengjin", T, "HJ633-2026", 212, Map.of("PM2_5_24h", 212, "NO2_1h", 40),
                    List.of("PM2_5_24h"), 13, T)),
            Map.entry(Topics.WARNINGS, new WarningEvent(UUID.randomUUID().toString(), 1, "mengjin", Action.ISSUED,
                    WarningLevel.ORANGE, T, "region AQI 212 >= 200", "system", T)),
            Map.entry(Topics.ORDER_EVENTS, new OrderEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1,
                    "91410300MA44XXXX1X", "mengjin", WarningLevel.ORANGE, OrderStatus.PENDING,
                    List.of("kiln line 2: stop"), null, T)),
            Map.entry(Topics.STATION_ALERTS, new StationAlertEvent("MJ-CC:SUDDEN_RISE:PM2_5:20261129T0700Z", 1, "MJ-CC", "mengjin",
                    StationClass.TOWNSHIP, StationAlertEvent.Rule.SUDDEN_RISE, Pollutant.PM2_5, StationAlertEvent.Status.RAISED,
                    T.minus(Duration.ofHours(1)), T,
                    new StationAlertEvent.Evidence(210.0, "µg/m³", 120.0, "210 µg/m³ > 120 µg/m³: 2× and +50 over the 3-h mean 60",
                            null, 60.0, List.of(new StationAlertEvent.HourValue(T.minus(Duration.ofHours(1)), 50.0),
                            new StationAlertEvent.HourValue(T.minus(Duration.ofHours(2)), 60.0),
                            new StationAlertEvent.HourValue(T.minus(Duration.ofHours(3)), 70.0)), null, List.of()),
                    null, T)),
            Map.entry(Topics.PROPOSALS, new ProposalEvent(UUID.randomUUID().toString(), "mengjin", ProposalEvent.Kind.ISSUE,
                    ProposalEvent.Step.OPENED, "ORANGE", "orange: AQI > 200 for 2 days", "forecast AQI 230 on 12-01 and 12-02",
                    "system", null, T)),
            Map.entry(Topics.POWER_READINGS, new PowerReading("91410300MA44XXXX1X", "kiln-2", T, Duration.ofMinutes(15),
                    412.5, "mengjin-power-monitoring", T)));

    static Stream<Topic<?, ?>> topics() {
        return Topics.ALL.stream();
    }

    static Schema schemaOf(Topic<?, ?> topic) throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + topic.name() + ".schema.json")) {
            assertThat(in).as("schema for %s", topic.name()).isNotNull();
            return registry.getSchema(in);
        }
    }

    @ParameterizedTest
    @MethodSource("topics")
    void serializedSampleIsValidAgainstItsTopicSchema(Topic<?, ?> topic) throws Exception {
        Object sample = SAMPLES.get(topic);
        assertThat(sample).as("a sample for every catalogued topic").isNotNull();
        assertThat(sample).isInstanceOf(topic.valueType());

        JsonNode json = EventJson.mapper().readTree(EventJson.mapper().writeValueAsBytes(sample));
        List<Error> errors = schemaOf(topic).validate(json);

        assertThat(errors).as("%s: %s", topic.name(), json).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void schemaRejectsAnEventWithoutItsRequiredFields(Topic<?, ?> topic) throws Exception {
        Schema schema = schemaOf(topic);
        String firstRequired = schema.getSchemaNode().get("required").get(0).asString();
        ObjectNode json = (ObjectNode) EventJson.mapper().valueToTree(SAMPLES.get(topic));
        assertThat(json.has(firstRequired)).isTrue();
        json.remove(firstRequired);

        assertThat(schema.validate(json)).as("missing %s", firstRequired).isNotEmpty();
    }

    @Test
    void aTownshipsRegionAqiIsValidAndADistrictWithoutScopeStillIs() throws Exception {
        RegionAqiEvent township = new RegionAqiEvent("mengjin/城关镇", T, "HJ633-2026", 95, Map.of("PM2_5_24h", 95),
                List.of("PM2_5_24h"), 3, T, RegionAqiEvent.Scope.TOWNSHIP, "城关镇");
        JsonNode json = EventJson.mapper().valueToTree(township);
        assertThat(schemaOf(Topics.REGION_AQI).validate(json)).as("%s", json).isEmpty();
        assertThat(EventJson.mapper().readValue(EventJson.mapper().writeValueAsBytes(township), RegionAqiEvent.class)).isEqualTo(township);

        ObjectNode older = (ObjectNode) EventJson.mapper().valueToTree(SAMPLES.get(Topics.REGION_AQI));
        older.remove("scope");
        older.remove("township");
        assertThat(schemaOf(Topics.REGION_AQI).validate(older)).isEmpty();
        assertThat(EventJson.mapper().treeToValue(older, RegionAqiEvent.class).scope()).as("an event from before townships")
                .isNull();
    }

    @Test
    void instantsAndDurationsTravelAsIsoStrings() throws Exception {
        JsonNode json = EventJson.mapper().valueToTree(SAMPLES.get(Topics.READINGS));

        assertThat(json.get("periodEnd").asString()).isEqualTo("2026-11-29T08:00:00Z");
        assertThat(json.get("averaging").asString()).isEqualTo("PT1H");
    }

    @Test
    void recordsSurviveTheRoundTrip() throws Exception {
        for (Topic<?, ?> topic : Topics.ALL) {
            Object sample = SAMPLES.get(topic);
            byte[] bytes = EventJson.mapper().writeValueAsBytes(sample);
            assertThat(EventJson.mapper().readValue(bytes, topic.valueType())).isEqualTo(sample);
        }
    }
}
