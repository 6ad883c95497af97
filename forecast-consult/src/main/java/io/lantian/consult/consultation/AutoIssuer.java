package io.lantian.consult.consultation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies the {@link AutoIssuePolicy}: an open ISSUE or ADJUST proposal whose level has a time limit and
 * that nobody decided within it is approved as "auto-issue policy". Replicas skip rows another one holds,
 * so a proposal is decided once.
 */
@Component
class AutoIssuer {

    static final String ACTOR = "system (auto-issue policy)";
    private static final Logger log = LoggerFactory.getLogger(AutoIssuer.class);

    private final AutoIssuePolicy policy;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ConsultationService consultation;

    AutoIssuer(AutoIssuePolicy policy, JdbcClient jdbc, TransactionTemplate tx, ConsultationService consultation) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.tx = tx;
        this.consultation = consultation;
    }

    @Scheduled(fixedDelayString = "${lantian.consult.auto-issue.check-interval:1m}")
    void decideOverdue() {
        for (Map.Entry<WarningLevel, java.time.Duration> rule : policy.afterUndecided().entrySet()) {
            Instant overdue = Instant.now().minus(rule.getValue());
            try {
                tx.executeWithoutResult(status -> {
                    List<UUID> due = jdbc.sql("""
                                    select proposal_id from proposal
                                    where status = 'OPEN' and kind in ('ISSUE', 'ADJUST') and level = ? and created_at <= ?
                                    order by created_at limit 20 for update skip locked""")
                            .params(rule.getKey().name(), Timestamp.from(overdue)).query(UUID.class).list();
                    for (UUID id : due) {
                        consultation.approve(id, null, null, null, ACTOR,
                                "no decision within " + rule.getValue() + " for a " + rule.getKey() + " proposal");
                        log.warn("Proposal {} approved automatically: no decision within {}", id, rule.getValue());
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Auto-issue check for {} failed: {}", rule.getKey(), e.toString());
            }
        }
    }
}
