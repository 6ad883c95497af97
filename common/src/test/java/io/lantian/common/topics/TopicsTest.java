package io.lantian.common.topics;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @Test
    void namesAreUniqueVersionedAndPartitioned() {
        Set<String> names = new HashSet<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            assertThat(names.add(topic.name())).as("duplicate %s", topic.name()).isTrue();
            assertThat(topic.name()).matches("[a-z]+\\.[a-z-]+\\.v[0-9]+");
            assertThat(topic.partitions()).isPositive();
            assertThat(topic.eventType()).startsWith("io.lantian.");
        }
    }

    @Test
    void stationsAreCompactedAndReadingsExpire() {
        assertThat(Topics.STATIONS.compacted()).isTrue();
        assertThat(Topics.READINGS.compacted()).isFalse();
        assertThat(Topics.READINGS.deadLetterName()).isEqualTo("aq.readings.v1-dlt");
    }
}
