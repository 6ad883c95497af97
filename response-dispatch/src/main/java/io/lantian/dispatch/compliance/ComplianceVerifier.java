package io.lantian.dispatch.compliance;

import io.lantian.common.events.OrderEvent.OrderStatus;
import io.lantian.dispatch.compliance.ComplianceStore.OrderUnderCheck;
import io.lantian.dispatch.compliance.LineVerdict.Result;
import io.lantian.dispatch.list.ListedEnterprise.Action;
import io.lantian.dispatch.notify.Notice;
import io.lantian.dispatch.notify.Notice.Audience;
import io.lantian.dispatch.notify.Notice.NoticeKind;
import io.lantian.dispatch.notify.Notices;
import io.lantian.dispatch.order.OrderService;
import io.lantian.dispatch.order.OrderTransitions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Verifies orders in force against power use: after the grace period from the revision's issue, each line
 * with a STOP or LIMIT measure is judged on its mean power over the window against its baseline
 * ({@link Thresholds}). A line above its expected maximum is flagged once per order revision and line, with
 * its evidence; the order becomes NON_COMPLIANT (history, order event) and the duty and township officers get
 * a notice — all in the transaction that holds the order's row lock, so replicas never flag twice.
 * Runs when readings arrive and on a schedule; missing readings are no verdict and flag nothing.
 */
@Component
class ComplianceVerifier {

    private static final Logger log = LoggerFactory.getLogger(ComplianceVerifier.class);
    private static final Set<OrderStatus> FLAGGABLE = flaggable();

    private final ComplianceStore store;
    private final PowerReadingStore readings;
    private final OrderTransitions transitions;
    private final Notices notices;
    private final TransactionTemplate tx;
    private final ComplianceProperties properties;
    private final Thresholds thresholds;
    private final Map<Action, Counter> flags = new EnumMap<>(Action.class);

    ComplianceVerifier(ComplianceStore store, PowerReadingStore readings, OrderTransitions transitions, Notices notices,
                       TransactionTemplate tx, ComplianceProperties properties, MeterRegistry meters) {
        this.store = store;
        this.readings = readings;
        this.transitions = transitions;
        this.notices = notices;
        this.tx = tx;
        this.properties = properties;
        this.thresholds = properties.thresholds();
        for (Action action : List.of(Action.STOP, Action.LIMIT)) {
            flags.put(action, Counter.builder("lantian.compliance.flags").tag("action", action.name())
                    .description("lines flagged non-compliant (one per order revision and line)").register(meters));
        }
    }

    /** After readings of the enterprise arrived: verifies its orders in force that are past their grace period. */
    void verifyEnterprise(String enterpriseId) {
        Instant now = now();
        for (UUID orderId : store.due(enterpriseId, now.minus(properties.grace()))) {
            verify(orderId, false, now);
        }
    }

    /** Every order in force, so a verdict does not wait for the next reading; replicas share the work. */
    @Scheduled(fixedDelayString = "${lantian.dispatch.compliance.evaluate-interval:5m}",
            initialDelayString = "${lantian.dispatch.compliance.evaluate-interval:5m}")
    void sweep() {
        try {
            Instant now = now();
            int flagged = 0;
            for (UUID orderId : store.due(null, now.minus(properties.grace()))) {
                flagged += verify(orderId, true, now);
            }
            if (flagged > 0) {
                log.info("Compliance sweep flagged {} lines", flagged);
            }
        } catch (RuntimeException e) {
            log.warn("Compliance sweep failed; the next one tries again: {}", e.toString());
        }
    }

    /** @return the lines newly flagged */
    int verify(UUID orderId, boolean skipLocked, Instant now) {
        List<LineVerdict> flagged = tx.execute(status -> store.lock(orderId, skipLocked)
                .map(order -> verifyLocked(order, now))
                .orElse(List.of()));
        if (flagged == null) {
            return 0;
        }
        flagged.forEach(v -> flags.get(v.measure().action()).increment()); // committed: count them
        return flagged.size();
    }

    private List<LineVerdict> verifyLocked(OrderUnderCheck order, Instant now) {
        Instant checkFrom = order.issuedAt().plus(properties.grace());
        if (now.isBefore(checkFrom)) {
            return List.of(); // still ramping down
        }
        Instant windowFrom = later(now.minus(properties.window()), checkFrom);
        Instant baselineFrom = order.issuedAt().minus(properties.baselineWindow());
        List<LineVerdict> newFlags = new ArrayList<>();
        for (LineMeasure measure : store.measures(order.enterpriseId(), order.level(), thresholds)) {
            MeteredPower baseline = readings.baseline(order.enterpriseId(), measure.lineKey(), baselineFrom, order.issuedAt());
            MeteredPower observed = readings.observed(order.enterpriseId(), measure.lineKey(), windowFrom, now);
            LineVerdict verdict = thresholds.judge(measure, baseline, observed);
            store.saveEvaluation(order.orderId(), order.revision(), verdict, windowFrom, now, now);
            if (verdict.result() == Result.NON_COMPLIANT && store.flag(order, verdict, thresholds, windowFrom, now, now)) {
                newFlags.add(verdict);
                addNotices(order, verdict, windowFrom, now);
            }
        }
        if (!newFlags.isEmpty()) {
            String evidence = newFlags.stream().map(v -> evidence(v, windowFrom, now)).collect(Collectors.joining("; "));
            transitions.change(order.orderId(), order.revision(), FLAGGABLE, OrderStatus.NON_COMPLIANT, "system",
                    "power use shows the measures not applied: " + evidence);
            log.info("Order {} revision {} non-compliant: {}", order.orderId(), order.revision(), evidence);
        }
        return newFlags;
    }

    private void addNotices(OrderUnderCheck order, LineVerdict verdict, Instant windowFrom, Instant windowTo) {
        String key = "non-compliance:" + order.orderId() + ":r" + order.revision() + ":" + verdict.measure().lineLabel();
        String text = order.enterpriseName() + "（" + order.enterpriseId() + "）" + order.level() + " order, "
                + evidence(verdict, windowFrom, windowTo);
        notices.add(new Notice(NoticeKind.NON_COMPLIANCE, Audience.DUTY_OFFICER, order.regionId(), null,
                key + ":duty", text));
        if (order.township() != null && !order.township().isBlank()) {
            notices.add(new Notice(NoticeKind.NON_COMPLIANCE, Audience.TOWNSHIP_OFFICER, order.regionId(), order.township(),
                    key + ":township", text));
        }
    }

    /** One line of evidence, e.g. "line L2 STOP: 200.0 kW observed > 46.0 kW allowed (baseline 200.0 kW), 6 readings …". */
    static String evidence(LineVerdict v, Instant windowFrom, Instant windowTo) {
        String line = v.measure().lineId() == null ? "main meter" : "line " + v.measure().lineId();
        return String.format(Locale.ROOT, "%s %s: %.1f kW observed > %.1f kW allowed (baseline %.1f kW over %.0f h), %d readings %s–%s",
                line, v.measure().describe(), v.observedKw(), v.expectedMaxKw(), v.baselineKw(), v.baselineHours(),
                v.readingsUsed(), windowFrom, windowTo);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Set<OrderStatus> flaggable() {
        Set<OrderStatus> from = EnumSet.copyOf(OrderService.OPEN);
        from.remove(OrderStatus.NON_COMPLIANT);
        return from;
    }
}
