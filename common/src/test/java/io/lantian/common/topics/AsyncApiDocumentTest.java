package io.lantian.common.topics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps {@code docs/asyncapi.yaml} in step with the topic catalogue: every topic of {@link Topics#ALL} and its
 * dead-letter topic has a channel with the exact name, partition count and retention, and no channel describes
 * a topic the catalogue does not have. The document itself is validated with {@code asyncapi validate}.
 */
class AsyncApiDocumentTest {

    private static final String DOCUMENT = "docs/asyncapi.yaml";
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private static Path documentPath;
    private static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        documentPath = findDocument();
        document = new YAMLMapper().readTree(Files.readString(documentPath));
        assertThat(document.path("asyncapi").asString("")).as("AsyncAPI version of %s", documentPath).isEqualTo("3.0.0");
    }

    @Test
    void everyCatalogueTopicHasAChannelWithItsNameAndPartitions() {
        for (Topic<?, ?> topic : Topics.ALL) {
            JsonNode kafka = kafkaBinding(channel(topic.name()), topic.name());
            assertThat(kafka.path("partitions").asInt(-1)).as("partitions of %s", topic.name()).isEqualTo(topic.partitions());
            List<String> cleanup = cleanupPolicy(kafka);
            if (topic.compacted()) {
                assertThat(cleanup).as("cleanup.policy of %s", topic.name()).containsExactly("compact");
            } else {
                assertThat(cleanup).as("cleanup.policy of %s", topic.name()).containsExactly("delete");
                assertThat(kafka.at("/topicConfiguration/retention.ms").asLong(-1)).as("retention.ms of %s", topic.name())
                        .isEqualTo(topic.retention().toMillis());
            }
        }
    }

    @Test
    void everyCatalogueTopicHasADeadLetterChannel() {
        for (Topic<?, ?> topic : Topics.ALL) {
            String name = topic.deadLetterName();
            JsonNode kafka = kafkaBinding(channel(name), name);
            assertThat(kafka.path("partitions").asInt(-1)).as("partitions of %s", name).isEqualTo(topic.partitions());
            assertThat(cleanupPolicy(kafka)).as("cleanup.policy of %s", name).containsExactly("delete");
            assertThat(kafka.at("/topicConfiguration/retention.ms").asLong(-1)).as("retention.ms of %s", name)
                    .isEqualTo(DEAD_LETTER_RETENTION.toMillis());
        }
    }

    @Test
    void everyCatalogueTopicCarriesItsEventTypeAndSchema() {
        for (Topic<?, ?> topic : Topics.ALL) {
            JsonNode messages = channel(topic.name()).path("messages");
            assertThat(messages.size()).as("messages of %s", topic.name()).isEqualTo(1);
            JsonNode message = resolve(messages.values().iterator().next());

            List<String> eventTypes = new ArrayList<>();
            for (JsonNode part : message.at("/headers/allOf")) {
                JsonNode type = resolve(part).at("/properties/ce_type/const");
                if (!type.isMissingNode()) {
                    eventTypes.add(type.asString());
                }
            }
            assertThat(eventTypes).as("ce_type of %s", topic.name()).containsExactly(topic.eventType());

            assertThat(message.at("/payload/schemaFormat").asString(""))
                    .isEqualTo("application/schema+json;version=draft-2020-12");
            String schemaRef = message.at("/payload/schema/$ref").asString("");
            assertThat(schemaRef).as("payload schema of %s", topic.name()).endsWith("/schemas/" + topic.name() + ".schema.json");
            assertThat(documentPath.getParent().resolve(schemaRef).normalize()).as("payload schema of %s", topic.name())
                    .isRegularFile();
        }
    }

    @Test
    void noChannelDescribesATopicOutsideTheCatalogue() {
        Set<String> known = new HashSet<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            known.add(topic.name());
            known.add(topic.deadLetterName());
        }
        for (JsonNode channel : document.path("channels").values()) {
            assertThat(channel.path("address").asString("")).as("channel address").isIn(known);
        }
    }

    /** The channel whose address is {@code topic} (channels are looked up by address, not by their key). */
    private static JsonNode channel(String topic) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode channel : document.path("channels").values()) {
            if (topic.equals(channel.path("address").asString(null))) {
                found.add(channel);
            }
        }
        assertThat(found).as("channels with address %s in %s", topic, documentPath).hasSize(1);
        return found.get(0);
    }

    private static JsonNode kafkaBinding(JsonNode channel, String topic) {
        JsonNode kafka = channel.at("/bindings/kafka");
        assertThat(kafka.path("topic").asString("")).as("Kafka binding topic of channel %s", topic).isEqualTo(topic);
        return kafka;
    }

    private static List<String> cleanupPolicy(JsonNode kafka) {
        List<String> policy = new ArrayList<>();
        kafka.at("/topicConfiguration/cleanup.policy").values().forEach(p -> policy.add(p.asString()));
        return policy;
    }

    /** Follows a local {@code $ref} ("#/components/..."); other nodes are returned as they are. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null || !ref.asString().startsWith("#/")) {
            return node;
        }
        JsonNode target = document.at(ref.asString().substring(1));
        assertThat(target.isMissingNode()).as("$ref %s", ref.asString()).isFalse();
        return resolve(target);
    }

    private static Path findDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DOCUMENT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return fail("No " + DOCUMENT + " in " + Path.of("").toAbsolutePath() + " or any folder above it");
    }
}
