package io.lantian.consult.consultation;

import io.lantian.common.events.ForecastIssued;
import io.lantian.common.events.ProposalEvent;
import io.lantian.common.events.WarningEvent.WarningLevel;
import io.lantian.consult.rules.ForecastPoint;
import io.lantian.consult.rules.ForecastSeries;
import io.lantian.consult.rules.WarningRuleEngine;
import io.lantian.consult.rules.WarningRuleSet;
import io.lantian.consult.rules.WarningRules;
import io.lantian.consult.warning.Warning;
import io.lantian.consult.warning.WarningService;
import io.lantian.common.topics.Topics;
import io.lantian.platform.outbox.Outbox;
import io.lantian.platform.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The consultation (会商): each forecast is judged by the warning rules; what they call for becomes a
 * proposal — issue, adjust or lift — that duty officers approve (optionally changing level or times) or
 * reject. One open proposal per region: a newer forecast updates it, or withdraws it when it no longer
 * calls for a change. Every step is recorded with actor, time and comment.
 */
@Service
public class ConsultationService {

    private static final Logger log = LoggerFactory.getLogger(ConsultationService.class);
    private static final String SYSTEM = "system";
    private static final String COLUMNS = """
            proposal_id, region_id, kind, level, rule, window_from, window_to, basis, forecast_id, warning_id, status,
            created_at, updated_at""";

    private final JdbcClient jdbc;
    private final WarningRules rules;
    private final WarningService warnings;
    private final Outbox outbox;

    ConsultationService(JdbcClient jdbc, WarningRules rules, WarningService warnings, Outbox outbox) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.warnings = warnings;
        this.outbox = outbox;
    }

    /** Judges a forecast; called in the transaction that stores it. */
    @Transactional
    public Optional<Proposal> onForecast(ForecastIssued forecast) {
        List<ForecastPoint> series = series(forecast);
        if (series.isEmpty()) {
            return Optional.empty();
        }
        WarningRuleSet ruleSet = rules.inForceOn(series.get(0).start().atZone(ForecastSeries.CHINA).toLocalDate());
        WarningRuleEngine.Decision decision = WarningRuleEngine.evaluate(ruleSet, series);
        Optional<Warning> active = warnings.activeIn(forecast.regionId());
        String basis = basis(forecast, decision, ruleSet, series);

        if (decision.matched()) {
            if (active.isEmpty()) {
                return Optional.of(propose(forecast, Proposal.Kind.ISSUE, decision.level(), decision, basis));
            }
            if (!active.get().level().equals(decision.level())) {
                return Optional.of(propose(forecast, Proposal.Kind.ADJUST, decision.level(), decision, basis));
            }
            withdrawOpen(forecast.regionId(), "the forecast confirms the active " + decision.level() + " warning");
            return Optional.empty();
        }
        if (active.isPresent() && staysBelow(series, lowestThreshold(ruleSet), ruleSet.liftAfterHours())) {
            return Optional.of(propose(forecast, Proposal.Kind.LIFT, active.get().level(), decision, basis));
        }
        withdrawOpen(forecast.regionId(), "the forecast no longer calls for a change");
        return Optional.empty();
    }

    /**
     * Heavy pollution observed now: opens a proposal to issue at once, unless the region already has an
     * active warning or an open proposal (a forecast-based proposal says more than one observed hour).
     */
    @Transactional
    public Optional<Proposal> onObservedPollution(String regionId, WarningLevel level, String basis) {
        if (warnings.activeIn(regionId).isPresent()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        int opened = jdbc.sql("""
                        insert into proposal (proposal_id, region_id, kind, level, rule, window_from, basis, status)
                        values (?, ?, 'ISSUE', ?, 'observed heavy pollution', now(), ?, 'OPEN')
                        on conflict (region_id) where status = 'OPEN' do nothing""")
                .params(id, regionId, level.name(), basis).update();
        if (opened == 0) {
            return Optional.empty();
        }
        step(id, "OPENED", level.name(), SYSTEM, "observed heavy pollution");
        log.info("Proposal {} for {} opened on observed pollution: {}", id, regionId, basis);
        return find(id);
    }

    /** Approves an open proposal, optionally with another level or times; carries it out on the warning. */
    @Transactional
    public Proposal approve(UUID proposalId, WarningLevel level, Instant effectiveFrom, Instant expectedEnd,
                            String actor, String comment) {
        Proposal proposal = lockOpen(proposalId);
        WarningLevel finalLevel = level != null ? level : WarningLevel.valueOf(proposal.level());
        String basis = "proposal " + proposalId + " approved by " + actor
                + (level != null && !level.name().equals(proposal.level()) ? " (adjusted from " + proposal.level() + ")" : "")
                + "; " + proposal.basis();
        Instant from = effectiveFrom != null ? effectiveFrom : proposal.windowFrom();
        Instant end = expectedEnd != null ? expectedEnd : proposal.windowTo();
        Warning warning = switch (proposal.kind()) {
            case ISSUE -> warnings.issue(proposal.regionId(), new WarningService.Decision(finalLevel, from, end, basis, actor, comment));
            case ADJUST -> warnings.adjust(activeWarning(proposal), new WarningService.Decision(finalLevel, null, end, basis, actor, comment));
            case LIFT -> warnings.lift(activeWarning(proposal), basis, actor, comment);
        };
        jdbc.sql("update proposal set status = 'APPROVED', level = ?, warning_id = ?, updated_at = now() where proposal_id = ?")
                .params(finalLevel.name(), UUID.fromString(warning.warningId()), proposalId).update();
        step(proposalId, "APPROVED", finalLevel.name(), actor, comment);
        return find(proposalId).orElseThrow();
    }

    @Transactional
    public Proposal reject(UUID proposalId, String actor, String reason) {
        Proposal proposal = lockOpen(proposalId);
        jdbc.sql("update proposal set status = 'REJECTED', updated_at = now() where proposal_id = ?").param(proposalId).update();
        step(proposalId, "REJECTED", proposal.level(), actor, reason);
        return find(proposalId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Proposal> list(String regionId, String status) {
        return jdbc.sql("select " + COLUMNS + " from proposal"
                        + " where (cast(:region as text) is null or region_id = :region)"
                        + " and (cast(:status as text) is null or status = :status)"
                        + " order by created_at desc limit 200")
                .param("region", regionId).param("status", status)
                .query(this::proposal).list();
    }

    @Transactional(readOnly = true)
    public Optional<Proposal> find(UUID proposalId) {
        return jdbc.sql("select " + COLUMNS + " from proposal where proposal_id = ?").param(proposalId)
                .query(this::proposal).optional();
    }

    private Proposal propose(ForecastIssued forecast, Proposal.Kind kind, String level,
                             WarningRuleEngine.Decision decision, String basis) {
        Optional<Proposal> open = jdbc.sql("select " + COLUMNS + " from proposal where region_id = ? and status = 'OPEN' for update")
                .param(forecast.regionId()).query(this::proposal).optional();
        UUID forecastId = UUID.fromString(forecast.forecastId());
        if (open.isPresent()) {
            UUID id = UUID.fromString(open.get().proposalId());
            jdbc.sql("""
                            update proposal set kind = ?, level = ?, rule = ?, window_from = ?, window_to = ?, basis = ?,
                              forecast_id = ?, updated_at = now() where proposal_id = ?""")
                    .params(kind.name(), level, decision.rule(), ts(decision.from()), ts(decision.to()), basis, forecastId, id)
                    .update();
            step(id, "UPDATED", level, SYSTEM, "forecast " + forecast.forecastId());
            log.info("Proposal {} for {} updated: {} {}", id, forecast.regionId(), kind, level);
            return find(id).orElseThrow();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into proposal (proposal_id, region_id, kind, level, rule, window_from, window_to, basis, forecast_id, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(id, forecast.regionId(), kind.name(), level, decision.rule(), ts(decision.from()), ts(decision.to()),
                        basis, forecastId)
                .update();
        step(id, "OPENED", level, SYSTEM, "forecast " + forecast.forecastId());
        log.info("Proposal {} for {} opened: {} {} ({})", id, forecast.regionId(), kind, level, decision.rule());
        return find(id).orElseThrow();
    }

    private void withdrawOpen(String regionId, String reason) {
        jdbc.sql("select proposal_id from proposal where region_id = ? and status = 'OPEN' for update")
                .param(regionId).query(UUID.class).optional().ifPresent(id -> {
                    jdbc.sql("update proposal set status = 'WITHDRAWN', updated_at = now() where proposal_id = ?").param(id).update();
                    step(id, "WITHDRAWN", null, SYSTEM, reason);
                });
    }

    private Proposal lockOpen(UUID proposalId) {
        Proposal proposal = jdbc.sql("select " + COLUMNS + " from proposal where proposal_id = ? for update")
                .param(proposalId).query(this::proposal).optional()
                .orElseThrow(() -> ApiProblem.notFound("no proposal " + proposalId));
        if (!"OPEN".equals(proposal.status())) {
            throw ApiProblem.conflict("proposal-closed", "the proposal is " + proposal.status());
        }
        return proposal;
    }

    private UUID activeWarning(Proposal proposal) {
        return warnings.activeIn(proposal.regionId()).map(w -> UUID.fromString(w.warningId()))
                .orElseThrow(() -> ApiProblem.conflict("no-active-warning", "region " + proposal.regionId() + " has no active warning"));
    }

    /** Records a step in the proposal's history and publishes it on consult.proposals.v1 (officers are notified). */
    private void step(UUID proposalId, String action, String level, String actor, String comment) {
        jdbc.sql("insert into proposal_event (proposal_id, action, level, actor, comment) values (?, ?, ?, ?, ?)")
                .params(proposalId, action, level, actor, comment).update();
        Proposal proposal = find(proposalId).orElseThrow();
        outbox.append(Topics.PROPOSALS, proposal.regionId(), new ProposalEvent(proposalId.toString(), proposal.regionId(),
                ProposalEvent.Kind.valueOf(proposal.kind().name()), ProposalEvent.Step.valueOf(action), level,
                proposal.rule(), proposal.basis(), actor, comment, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    static List<ForecastPoint> series(ForecastIssued forecast) {
        if (forecast.hours() != null && !forecast.hours().isEmpty()) {
            return forecast.hours().stream().map(h -> new ForecastPoint(h.start(), h.aqi(), h.primaryPollutant()))
                    .sorted(Comparator.comparing(ForecastPoint::start)).toList();
        }
        return ForecastSeries.fromDays(forecast.days().stream()
                .sorted(Comparator.comparing(ForecastIssued.Day::date))
                .map(d -> new ForecastSeries.Day(d.date(), d.aqi(), d.primaryPollutant())).toList());
    }

    private static int lowestThreshold(WarningRuleSet ruleSet) {
        return ruleSet.levels().stream().flatMap(l -> l.branches().stream()).flatMap(b -> b.conditions().stream())
                .mapToInt(WarningRuleSet.Condition::aboveAqi).min().orElseThrow();
    }

    /** The first {@code hours} forecast hours are all at or below the lowest threshold (lifting rule). */
    static boolean staysBelow(List<ForecastPoint> series, int threshold, int hours) {
        return series.size() >= hours && series.subList(0, hours).stream().allMatch(p -> p.aqi() <= threshold);
    }

    private static String basis(ForecastIssued f, WarningRuleEngine.Decision decision, WarningRuleSet ruleSet,
                                List<ForecastPoint> series) {
        String values = f.days() != null && !f.days().isEmpty()
                ? f.days().stream().map(d -> d.date() + "=" + d.aqi()).collect(Collectors.joining(", ", "daily AQI [", "]"))
                : series.size() + " hourly values, max AQI " + series.stream().mapToInt(ForecastPoint::aqi).max().orElse(0);
        return "forecast " + f.forecastId() + " (" + f.source() + ", by " + f.issuedBy() + ", issued " + f.issuedAt() + "): "
                + values + "; " + ruleSet.id() + " → " + decision.level()
                + (decision.matched() ? " by '" + decision.rule() + "' for " + decision.from() + " – " + decision.to() : "");
    }

    private List<Proposal.Step> steps(String proposalId) {
        return jdbc.sql("select action, level, actor, comment, occurred_at from proposal_event where proposal_id = ? order by id")
                .param(UUID.fromString(proposalId))
                .query((rs, n) -> new Proposal.Step(rs.getString("action"), rs.getString("level"), rs.getString("actor"),
                        rs.getString("comment"), rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private Proposal proposal(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("proposal_id");
        return new Proposal(id, rs.getString("region_id"), Proposal.Kind.valueOf(rs.getString("kind")), rs.getString("level"),
                rs.getString("rule"), instant(rs.getTimestamp("window_from")), instant(rs.getTimestamp("window_to")),
                rs.getString("basis"), rs.getString("forecast_id"), rs.getString("warning_id"), rs.getString("status"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), steps(id));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
