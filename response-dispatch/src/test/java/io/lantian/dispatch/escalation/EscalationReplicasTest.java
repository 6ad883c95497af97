package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.dispatch.DispatchApplication;
import io.lantian.dispatch.escalation.EscalationRegion.NoticeRow;
import io.lantian.dispatch.escalation.EscalationRegion.Step;
import io.lantian.platform.ServiceApplication;
import io.lantian.testing.TestInfra;
import io.lantian.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.lantian.dispatch.escalation.EscalationRegion.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second instance of the service on the same database and broker, its worker polling every 50 ms one step
 * at a time, beside this context's: both carry out the steps of many orders falling due together, and each
 * step is carried out exactly once — one DONE, one ESCALATED history row and order event, one notice.
 */
class EscalationReplicasTest extends EscalationTestSupport {

    static final int ENTERPRISES = 15;

    static ConfigurableApplicationContext anotherInstance() {
        TestInfra.Database db = TestInfra.database();
        return ServiceApplication.builder(DispatchApplication.class, DispatchApplication.NAME).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + TestInfra.kafkaBootstrap(),
                "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--lantian.security.hmac-secret=" + TestTokens.secret(),
                "--lantian.dispatch.escalation.poll-interval=50ms", "--lantian.dispatch.escalation.batch-size=1");
    }

    @Test
    void twoInstancesCarryOutEachStepExactlyOnce() throws Exception {
        try (ConfigurableApplicationContext second = anotherInstance()) {
            chain(WarningLevel.RED, "[{\"after\":\"1s\",\"action\":\"REMIND_ENTERPRISE\"},"
                    + "{\"after\":\"2s\",\"action\":\"NOTIFY_TOWNSHIP_OFFICER\"},{\"after\":\"3s\",\"action\":\"NOTIFY_DUTY_OFFICER\"}]");
            List<String> enterprises = new ArrayList<>();
            for (int i = 0; i < ENTERPRISES; i++) {
                enterprises.add(region.pull("城关镇"));
            }
            String warningId = region.issue(WarningLevel.RED);
            List<String> orders = enterprises.stream().map(e -> region.awaitOrder(warningId, e, 1)).toList();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> orders.stream()
                    .allMatch(o -> region.states(o).equals(List.of("DONE", "DONE", "DONE"))));

            Set<String> instances = new HashSet<>();
            for (String order : orders) {
                assertThat(region.history(order, "ESCALATED")).as("one history row per step").hasSize(3);
                assertThat(region.eventCount(order, "ESCALATED")).as("one order event per step").isEqualTo(3);
                assertThat(region.notices(order)).as("one notice per officer step").extracting(NoticeRow::dedupKey)
                        .containsExactly("escalation:" + order + ":r1:2", "escalation:" + order + ":r1:3");
                region.steps(order).stream().map(Step::instance).forEach(instances::add);
            }
            assertThat(jdbc.sql("select count(*) from order_escalation_step where order_id in (:orders)")
                    .param("orders", orders.stream().map(UUID::fromString).toList()).query(Integer.class).single())
                    .isEqualTo(3 * ENTERPRISES);
            assertThat(instances).as("both instances took part").hasSizeGreaterThanOrEqualTo(2);
        }
    }
}
