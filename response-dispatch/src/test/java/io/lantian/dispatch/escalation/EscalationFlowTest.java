package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.Action;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.common.topics.Topics;
import io.lantian.dispatch.delivery.RecordingReceiver;
import io.lantian.dispatch.delivery.RecordingReceiver.Answer;
import io.lantian.dispatch.delivery.WebhookSecret;
import io.lantian.dispatch.escalation.EscalationRegion.NoticeRow;
import io.lantian.dispatch.escalation.EscalationRegion.Step;
import io.lantian.testing.ApiClient;
import io.lantian.testing.JsonArrays;
import io.lantian.testing.TestTokens;
import io.lantian.testing.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lantian.dispatch.escalation.EscalationRegion.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Escalation on the real broker and database: warnings through Kafka make orders, the worker carries out
 * their chains' steps at their time (second-scale chains set through the admin API), enterprises answer
 * through their API, webhook reminders reach a real local receiver.
 */
class EscalationFlowTest extends EscalationTestSupport {

    @Autowired
    EscalationWorker worker;
    @Autowired
    MeterRegistry meters;

    static String step(String after, EscalationAction action) {
        return "{\"after\":\"" + after + "\",\"action\":\"" + action + "\"}";
    }

    static String steps(String... steps) {
        return "[" + String.join(",", steps) + "]";
    }

    ApiClient.Response answer(String orderId, String enterpriseId, String what, String body) {
        return api.postJson("/api/v1/enterprise/orders/" + orderId + "/" + what, TestTokens.enterprise(enterpriseId), body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    JsonNode escalationOf(String orderId) {
        var response = api.get("/api/v1/orders/" + orderId + "/escalation", TestTokens.officer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void eachStepComesAtItsTimeEscalatesTheOrderAndReachesTheRightPeople() throws Exception {
        chain(WarningLevel.RED, steps(step("2s", EscalationAction.REMIND_ENTERPRISE),
                step("4s", EscalationAction.NOTIFY_TOWNSHIP_OFFICER), step("6s", EscalationAction.NOTIFY_DUTY_OFFICER)));
        try (RecordingReceiver receiver = new RecordingReceiver();
             TopicProbe events = new TopicProbe(Topics.ORDER_EVENTS.name())) {
            String inTownship = region.pull("城关镇");
            String noTownship = region.pull(null);
            String webhook = region.webhook("会盟镇", receiver.url(), WebhookSecret.generate());
            String warningId = region.issue(WarningLevel.RED);
            String pulled = region.awaitOrder(warningId, inTownship, 1);
            String unplaced = region.awaitOrder(warningId, noTownship, 1);
            String pushed = region.awaitOrder(warningId, webhook, 1);
            await().atMost(WAIT).until(() -> receiver.receivedFor(pushed + ".r1").size() == 1);

            // the first step, and nothing of the later ones yet
            region.awaitStep(pulled, 1, "DONE");
            assertThat(region.states(pulled)).as("steps 2 and 3 are not due yet").containsExactly("DONE", "PENDING", "PENDING");
            assertThat(region.status(pulled)).isEqualTo("ESCALATED");
            assertThat(region.notices(pulled)).as("a reminder tells no officer").isEmpty();
            assertThat(region.history(pulled, "ESCALATED"))
                    .containsExactly("escalation step 1: REMIND_ENTERPRISE (no acknowledgement after 2 s)");
            JsonNode mine = api.get("/api/v1/enterprise/orders", TestTokens.enterprise(inTownship)).json();
            assertThat(JsonArrays.firstWhere(mine, "orderId", pulled).get("status").asString())
                    .as("a pull enterprise sees its order ESCALATED").isEqualTo("ESCALATED");

            // the webhook enterprise is reminded by the same message once more
            region.awaitStep(pushed, 1, "DONE");
            await().atMost(WAIT).until(() -> receiver.receivedFor(pushed + ".r1").size() == 2);
            assertThat(receiver.receivedFor(pushed + ".r1").get(1).text()).isEqualTo(receiver.receivedFor(pushed + ".r1").get(0).text());
            await().atMost(WAIT).until(() -> "webhook re-send requested".equals(region.steps(pushed).get(0).note()));
            assertThat(region.history(pushed, "REDELIVERY_REQUESTED")).hasSize(1);

            for (String order : List.of(pulled, unplaced, pushed)) {
                region.awaitStep(order, 3, "DONE");
                List<Step> steps = region.steps(order);
                assertThat(steps).extracting(Step::action).containsExactly("REMIND_ENTERPRISE", "NOTIFY_TOWNSHIP_OFFICER",
                        "NOTIFY_DUTY_OFFICER");
                for (Step step : steps) {
                    assertThat(step.doneAt()).as("step %d not before its time", step.position()).isAfterOrEqualTo(step.dueAt());
                }
                Duration firstToLast = Duration.between(steps.get(0).dueAt().toInstant(), steps.get(2).dueAt().toInstant());
                assertThat(firstToLast).isEqualTo(Duration.ofSeconds(4));
                assertThat(region.history(order, "ESCALATED")).hasSize(3).last()
                        .isEqualTo("escalation step 3: NOTIFY_DUTY_OFFICER (no acknowledgement after 6 s)");
                assertThat(region.eventCount(order, "ESCALATED")).isEqualTo(3);
            }
            events.awaitRecord(r -> r.value().contains(pulled) && r.value().contains("\"status\":\"ESCALATED\"")
                    && r.value().contains("escalation step 3"), WAIT);

            assertThat(region.notices(pulled)).extracting(NoticeRow::kind, NoticeRow::audience, NoticeRow::regionId,
                            NoticeRow::township, NoticeRow::dedupKey)
                    .containsExactly(
                            tuple("ESCALATION", "TOWNSHIP_OFFICER", region.regionId, "城关镇", "escalation:" + pulled + ":r1:2"),
                            tuple("ESCALATION", "DUTY_OFFICER", region.regionId, null, "escalation:" + pulled + ":r1:3"));
            assertThat(region.notices(pulled).get(0).text()).contains(region.name(inTownship), inTownship, "RED", "after 4 s");
            assertThat(region.notices(pushed)).extracting(NoticeRow::audience, NoticeRow::township)
                    .containsExactly(tuple("TOWNSHIP_OFFICER", "会盟镇"), tuple("DUTY_OFFICER", null));
            assertThat(region.notices(unplaced)).as("no township on the list: the duty officer hears it instead")
                    .extracting(NoticeRow::audience).containsExactly("DUTY_OFFICER", "DUTY_OFFICER");
            assertThat(region.notices(unplaced).get(0).text()).contains("names no township");

            JsonNode escalation = escalationOf(pulled);
            assertThat(escalation.get("status").asString()).isEqualTo("ESCALATED");
            assertThat(JsonArrays.texts(escalation.get("steps"), "state")).containsExactly("DONE", "DONE", "DONE");
            assertThat(JsonArrays.texts(escalation.get("steps"), "after")).containsExactly("PT2S", "PT4S", "PT6S");
            assertThat(escalation.get("steps").get(2).get("doneAt").asString()).isNotBlank();
        }
        // the meter counts the steps this instance carried out (other contexts of the test JVM poll the same tables)
        for (EscalationAction action : EscalationAction.values()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(meters.get("lantian.escalations").tag("step", action.name())
                    .counter().count()).isEqualTo(doneHere(action)));
        }
        assertThat(doneHere(EscalationAction.REMIND_ENTERPRISE) + doneHere(EscalationAction.NOTIFY_TOWNSHIP_OFFICER)
                + doneHere(EscalationAction.NOTIFY_DUTY_OFFICER)).isPositive();
        assertThat(api.get("/actuator/prometheus", null).body()).contains("lantian_escalations_total{application=\"response-dispatch\",step=\"NOTIFY_TOWNSHIP_OFFICER\"}");
    }

    double doneHere(EscalationAction action) {
        return jdbc.sql("select count(*) from order_escalation_step where state = 'DONE' and action = ? and instance = ?")
                .params(action.name(), worker.instance()).query(Integer.class).single();
    }

    @Test
    void anExemptOrderHasNoChain() throws Exception {
        chain(WarningLevel.YELLOW, steps(step("1s", EscalationAction.NOTIFY_DUTY_OFFICER)));
        String exempt = region.exempt("城关镇");
        String bound = region.pull("城关镇");
        String warningId = region.issue(WarningLevel.YELLOW);
        String exemptOrder = region.awaitOrder(warningId, exempt, 1);
        String boundOrder = region.awaitOrder(warningId, bound, 1);

        region.awaitStep(boundOrder, 1, "DONE");
        assertThat(jdbc.sql("select mode from curtailment_order where order_id = ?::uuid").param(exemptOrder)
                .query(String.class).single()).isEqualTo("EXEMPT");
        assertThat(region.steps(exemptOrder)).isEmpty();
        assertThat(region.notices(exemptOrder)).isEmpty();
        assertThat(region.status(exemptOrder)).isEqualTo("PENDING");
    }

    @Test
    void anAcknowledgementStopsTheChainAtOnce() throws Exception {
        chain(WarningLevel.ORANGE, steps(step("2s", EscalationAction.REMIND_ENTERPRISE),
                step("5s", EscalationAction.NOTIFY_TOWNSHIP_OFFICER), step("6s", EscalationAction.NOTIFY_DUTY_OFFICER)));
        String enterprise = region.pull("城关镇");
        String orderId = region.awaitOrder(region.issue(WarningLevel.ORANGE), enterprise, 1);
        region.awaitStep(orderId, 1, "DONE");

        var acked = answer(orderId, enterprise, "ack", "{\"revision\":1,\"note\":\"sorry, seen late\"}");
        assertThat(acked.status()).as(acked.body()).isEqualTo(200);
        assertThat(region.states(orderId)).as("stopped with the acknowledgement").containsExactly("DONE", "STOPPED", "STOPPED");
        assertThat(region.steps(orderId).get(1).note()).contains("ACKNOWLEDGED");

        // past the time the last step was due: nothing more happens
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() ->
                region.notices(orderId).isEmpty() && region.history(orderId, "ESCALATED").size() == 1
                        && region.status(orderId).equals("ACKNOWLEDGED"));
        assertThat(JsonArrays.texts(escalationOf(orderId).get("steps"), "state")).containsExactly("DONE", "STOPPED", "STOPPED");
    }

    @Test
    void aChangedChainLeavesOrdersInFlightAloneAndANewRevisionGetsTheNewChain() throws Exception {
        chain(WarningLevel.YELLOW, steps(step("3s", EscalationAction.NOTIFY_TOWNSHIP_OFFICER),
                step("60s", EscalationAction.NOTIFY_DUTY_OFFICER)));
        String enterprise = region.pull("城关镇");
        String firstWarning = region.issue(WarningLevel.YELLOW);
        String inFlight = region.awaitOrder(firstWarning, enterprise, 1);
        assertThat(region.steps(inFlight)).extracting(Step::action, Step::afterSeconds)
                .containsExactly(tuple("NOTIFY_TOWNSHIP_OFFICER", 3), tuple("NOTIFY_DUTY_OFFICER", 60));

        chain(WarningLevel.YELLOW, steps(step("1s", EscalationAction.REMIND_ENTERPRISE)));
        String later = region.awaitOrder(region.issue(WarningLevel.YELLOW), enterprise, 1);
        assertThat(region.steps(later)).extracting(Step::action, Step::afterSeconds)
                .containsExactly(tuple("REMIND_ENTERPRISE", 1));

        region.awaitStep(inFlight, 1, "DONE");
        assertThat(region.steps(inFlight)).as("the in-flight order kept its chain").extracting(Step::action, Step::afterSeconds)
                .containsExactly(tuple("NOTIFY_TOWNSHIP_OFFICER", 3), tuple("NOTIFY_DUTY_OFFICER", 60));
        assertThat(region.notices(inFlight)).extracting(NoticeRow::audience).containsExactly("TOWNSHIP_OFFICER");
        region.awaitStep(later, 1, "DONE");
        assertThat(region.notices(later)).isEmpty();

        // a new revision of the warning: the old revision's rest stops, the new one gets the chain in force now
        region.warn(firstWarning, 2, Action.CHANGED, WarningLevel.YELLOW);
        region.awaitOrder(firstWarning, enterprise, 2);
        List<Step> steps = region.steps(inFlight);
        assertThat(steps).extracting(Step::revision, Step::action, Step::state).startsWith(
                tuple(1, "NOTIFY_TOWNSHIP_OFFICER", "DONE"), tuple(1, "NOTIFY_DUTY_OFFICER", "STOPPED"));
        assertThat(steps.get(1).note()).contains("SUPERSEDED");
        assertThat(steps).extracting(Step::revision, Step::action).last().isEqualTo(tuple(2, "REMIND_ENTERPRISE"));
        await().atMost(WAIT).until(() -> region.steps(inFlight).get(2).state().equals("DONE"));
        assertThat(region.history(inFlight, "ESCALATED")).containsExactly(
                "escalation step 1: NOTIFY_TOWNSHIP_OFFICER (no acknowledgement after 3 s)",
                "escalation step 1: REMIND_ENTERPRISE (no acknowledgement after 1 s)");
    }

    @Test
    void anEnterpriseThatCannotComplyStopsTheChainAndTheDutyOfficerHearsOfIt() throws Exception {
        chain(WarningLevel.RED, steps(step("3s", EscalationAction.NOTIFY_DUTY_OFFICER)));
        String enterprise = region.pull("城关镇");
        String orderId = region.awaitOrder(region.issue(WarningLevel.RED), enterprise, 1);

        var answered = answer(orderId, enterprise, "cannot-comply", "{\"revision\":1,\"code\":\"SAFETY\",\"reason\":\"中频炉熔炼中，立即停炉有安全风险\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(region.states(orderId)).containsExactly("STOPPED");
        assertThat(region.notices(orderId)).extracting(NoticeRow::kind, NoticeRow::audience)
                .containsExactly(tuple("ESCALATION", "DUTY_OFFICER"));
        assertThat(region.notices(orderId).get(0).text()).contains(region.name(enterprise), "cannot comply", "SAFETY", "安全风险");
    }

    @Test
    void anUndeliverableOrderIsNoticedAtOnceAndTheChainGoesOn() throws Exception {
        // two quick attempts give up well before the first step is due
        chain(WarningLevel.ORANGE, steps(step("10s", EscalationAction.REMIND_ENTERPRISE),
                step("11s", EscalationAction.NOTIFY_DUTY_OFFICER)));
        try (RecordingReceiver receiver = new RecordingReceiver().answering(r -> Answer.of(500, "down"))) {
            String enterprise = region.webhook("城关镇", receiver.url(), WebhookSecret.generate());
            String orderId = region.awaitOrder(region.issue(WarningLevel.ORANGE), enterprise, 1);

            await().atMost(WAIT).until(() -> region.notices(orderId).size() == 1);
            assertThat(region.status(orderId)).isEqualTo("UNDELIVERABLE");
            assertThat(region.states(orderId)).as("the chain goes on").containsExactly("PENDING", "PENDING");
            NoticeRow undeliverable = region.notices(orderId).get(0);
            assertThat(undeliverable.kind()).isEqualTo("UNDELIVERABLE");
            assertThat(undeliverable.audience()).isEqualTo("DUTY_OFFICER");
            assertThat(undeliverable.text()).contains(region.name(enterprise), "could not be delivered");
            int attempts = receiver.receivedFor(orderId + ".r1").size();

            region.awaitStep(orderId, 2, "DONE");
            assertThat(region.history(orderId, "ESCALATED")).hasSize(2);
            await().atMost(WAIT).until(() -> receiver.receivedFor(orderId + ".r1").size() > attempts);
            assertThat(region.steps(orderId).get(0).note()).as("the reminder re-sent the order")
                    .isEqualTo("webhook re-send requested");
            assertThat(region.notices(orderId)).extracting(NoticeRow::kind).containsExactly("UNDELIVERABLE", "ESCALATION");
        }
    }
}
