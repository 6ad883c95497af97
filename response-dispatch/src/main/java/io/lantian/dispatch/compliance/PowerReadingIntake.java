package io.lantian.dispatch.compliance;

import io.lantian.common.events.PowerReading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes power readings from the API and from Kafka: validates each ({@link PowerReadingCheck}), stores the
 * valid ones (a reading for the same enterprise, line and period end replaces the earlier one), and once they
 * are committed verifies the enterprises' orders in force. A failed verification does not undo the intake:
 * the periodic sweep tries again.
 */
@Service
class PowerReadingIntake {

    private static final Logger log = LoggerFactory.getLogger(PowerReadingIntake.class);

    enum Path { HTTP, KAFKA }

    private final PowerReadingStore store;
    private final ComplianceVerifier verifier;
    private final TransactionTemplate tx;
    private final ComplianceProperties properties;
    private final Map<String, Counter> counters = new HashMap<>();

    PowerReadingIntake(PowerReadingStore store, ComplianceVerifier verifier, TransactionTemplate tx,
                       ComplianceProperties properties, MeterRegistry meters) {
        this.store = store;
        this.verifier = verifier;
        this.tx = tx;
        this.properties = properties;
        for (Path path : Path.values()) {
            for (String result : List.of("accepted", "rejected")) {
                counters.put(path + result, Counter.builder("lantian.power.readings").tag("path", path.name().toLowerCase())
                        .tag("result", result).description("power readings taken in or refused").register(meters));
            }
        }
    }

    /** A batch from the API; each item gets its outcome, items in the list may be null (not an object). */
    List<ReadingOutcome> submit(List<PowerReadingSubmission> batch, String sender) {
        Instant now = now();
        PowerReadingCheck check = new PowerReadingCheck(memoized(), properties.futureSkew());
        List<ReadingOutcome> outcomes = tx.execute(status -> {
            List<ReadingOutcome> results = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                PowerReadingCheck.Checked checked = check.check(batch.get(i), sender, now);
                results.add(checked.isAccepted()
                        ? ReadingOutcome.accepted(i, checked.reading(), store.save(checked.reading()))
                        : ReadingOutcome.rejected(i, checked.rejection()));
            }
            return results;
        });
        long accepted = outcomes.stream().filter(ReadingOutcome::isAccepted).count();
        counters.get(Path.HTTP + "accepted").increment(accepted);
        counters.get(Path.HTTP + "rejected").increment(outcomes.size() - accepted);
        Set<String> enterprises = new LinkedHashSet<>();
        outcomes.stream().filter(ReadingOutcome::isAccepted).forEach(o -> enterprises.add(o.enterpriseId()));
        enterprises.forEach(this::verify);
        return outcomes;
    }

    /**
     * One reading from {@code power.readings.v1}.
     *
     * @return why it is invalid, or null when it was stored
     */
    ReadingRejection fromKafka(PowerReading reading) {
        Instant now = now();
        PowerReadingSubmission submission = reading == null ? null : new PowerReadingSubmission(reading.enterpriseId(),
                reading.lineId(), reading.periodEnd() == null ? null : reading.periodEnd().toString(),
                reading.period() == null ? null : reading.period().toString(), reading.energyKwh(), reading.source());
        PowerReadingCheck.Checked checked = new PowerReadingCheck(store::linesOf, properties.futureSkew())
                .check(submission, "kafka", now);
        if (!checked.isAccepted()) {
            counters.get(Path.KAFKA + "rejected").increment();
            return checked.rejection();
        }
        tx.executeWithoutResult(status -> store.save(checked.reading()));
        counters.get(Path.KAFKA + "accepted").increment();
        verify(checked.reading().enterpriseId());
        return null;
    }

    private void verify(String enterpriseId) {
        try {
            verifier.verifyEnterprise(enterpriseId);
        } catch (RuntimeException e) {
            log.warn("Compliance check after readings of {} failed; the sweep tries again: {}", enterpriseId, e.toString());
        }
    }

    /** Lines per enterprise, looked up once per batch. */
    private java.util.function.Function<String, Optional<Set<String>>> memoized() {
        Map<String, Optional<Set<String>>> seen = new HashMap<>();
        return enterpriseId -> seen.computeIfAbsent(enterpriseId, store::linesOf);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
