package io.lantian.dispatch.escalation;

import io.lantian.common.events.WarningEvent.WarningLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The escalation chains in force ({@code escalation_chain_level}, {@code escalation_chain}). */
@Repository
class ChainStore {

    /** A level's chain with who set it last and when. */
    record Stored(EscalationChain chain, String updatedBy, Instant updatedAt) {
    }

    private record Header(String level, String updatedBy, Timestamp updatedAt) {
    }

    private record Row(String level, int position, int afterSeconds, String action) {

        ChainStep step() {
            return new ChainStep(Duration.ofSeconds(afterSeconds), EscalationAction.valueOf(action));
        }
    }

    private final JdbcClient jdbc;

    ChainStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Stored> find(WarningLevel level) {
        return jdbc.sql("select level, updated_by, updated_at from escalation_chain_level where level = ?")
                .param(level.name()).query(Header.class).optional()
                .map(header -> new Stored(new EscalationChain(level, steps(level)), header.updatedBy(),
                        header.updatedAt().toInstant()));
    }

    @Transactional(readOnly = true)
    public List<Stored> all() {
        return jdbc.sql("select level, updated_by, updated_at from escalation_chain_level").query(Header.class).list()
                .stream()
                .map(header -> {
                    WarningLevel level = WarningLevel.valueOf(header.level());
                    return new Stored(new EscalationChain(level, steps(level)), header.updatedBy(),
                            header.updatedAt().toInstant());
                })
                .sorted((a, b) -> a.chain().level().compareTo(b.chain().level()))
                .toList();
    }

    private List<ChainStep> steps(WarningLevel level) {
        return jdbc.sql("select level, position, after_seconds, action from escalation_chain where level = ? order by position")
                .param(level.name()).query(Row.class).list().stream().map(Row::step).toList();
    }

    /** Replaces the level's chain; orders already issued keep the steps they were given. */
    @Transactional
    public void replace(EscalationChain chain, String by) {
        jdbc.sql("""
                        insert into escalation_chain_level (level, updated_by, updated_at) values (?, ?, now())
                        on conflict (level) do update set updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(chain.level().name(), by).update();
        jdbc.sql("delete from escalation_chain where level = ?").param(chain.level().name()).update();
        insertSteps(chain);
    }

    /**
     * Writes the chain only if the level has none yet (first start, or a level added later). Replicas starting
     * together: the first insert wins, the others wait for it and then do nothing.
     *
     * @return whether it was written
     */
    @Transactional
    public boolean seed(EscalationChain chain) {
        boolean inserted = jdbc.sql("insert into escalation_chain_level (level, updated_by) values (?, 'config') on conflict do nothing")
                .param(chain.level().name()).update() == 1;
        if (inserted) {
            insertSteps(chain);
        }
        return inserted;
    }

    private void insertSteps(EscalationChain chain) {
        List<ChainStep> steps = chain.steps();
        for (int i = 0; i < steps.size(); i++) {
            jdbc.sql("insert into escalation_chain (level, position, after_seconds, action) values (?, ?, ?, ?)")
                    .params(chain.level().name(), i + 1, (int) steps.get(i).after().toSeconds(), steps.get(i).action().name())
                    .update();
        }
    }
}
