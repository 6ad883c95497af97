package io.lantian.consult.alert;

import io.lantian.common.events.StationAlertEvent.Evidence;
import io.lantian.common.events.StationAlertEvent.Rule;
import io.lantian.common.events.StationAlertEvent.Status;
import io.lantian.common.events.StationRegistered.StationClass;
import io.lantian.common.json.EventJson;
import io.lantian.common.pollutant.Pollutant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Station alerts and their transitions in PostgreSQL: the state that survives restarts. */
@Repository
class StationAlertStore {

    private static final String COLUMNS = """
            alert_id, station_id, region_id, station_class, rule, pollutant, status, status_reason, episode_start,
            raised_hour, last_hour, resolved_hour, evidence::text as evidence, last_evidence::text as last_evidence,
            peak_value, revision, announced, raised_at, updated_at, resolved_at""";

    private final JdbcClient jdbc;

    StationAlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filter of the officers' list; {@code null} members do not filter. {@code open} = not resolved. */
    record Query(String stationId, String regionId, Status status, boolean openOnly, Rule rule, Pollutant pollutant,
                 Instant from, Instant to) {
    }

    Optional<StationAlert> open(AlertKey key) {
        return jdbc.sql("select " + COLUMNS + " from station_alert where station_id = ? and rule = ? and pollutant = ?"
                        + " and status <> 'RESOLVED'")
                .params(key.stationId(), key.rule().name(), key.pollutant().name())
                .query(this::alert).optional();
    }

    Optional<Instant> lastResolvedHour(AlertKey key) {
        return jdbc.sql("select max(resolved_hour) from station_alert where station_id = ? and rule = ? and pollutant = ?")
                .params(key.stationId(), key.rule().name(), key.pollutant().name())
                .query((rs, n) -> instant(rs, 1)).list().stream().filter(Objects::nonNull).findFirst();
    }

    /** The alert state of many keys: the open alert and the hour the latest one resolved, where there are any. */
    record KeyState(Optional<StationAlert> open, Optional<Instant> lastResolvedHour) {
        static final KeyState NONE = new KeyState(Optional.empty(), Optional.empty());
    }

    /**
     * {@link #open} and {@link #lastResolvedHour} of every key of these stations and pollutants, in one query; keys
     * without any alert are left out (their state is {@link KeyState#NONE}).
     */
    Map<AlertKey, KeyState> states(Collection<String> stationIds, Collection<Pollutant> pollutants) {
        Map<AlertKey, KeyState> states = new HashMap<>();
        if (stationIds.isEmpty() || pollutants.isEmpty()) {
            return states;
        }
        // per key: its open alert (at most one, by the unique index) and the latest resolution; a key whose alerts all
        // resolved comes back with null alert columns
        jdbc.sql("select " + COLUMNS + ", k.key_station, k.key_rule, k.key_pollutant, k.last_resolved"
                        + " from (select station_id as key_station, rule as key_rule, pollutant as key_pollutant,"
                        + "         max(resolved_hour) as last_resolved, max(alert_id) filter (where status <> 'RESOLVED') as open_id"
                        + "       from station_alert where station_id = any(?::text[]) and pollutant = any(?::text[])"
                        + "       group by station_id, rule, pollutant) k"
                        + " left join station_alert on station_alert.alert_id = k.open_id")
                .params(stationIds.toArray(String[]::new), pollutants.stream().map(Pollutant::name).toArray(String[]::new))
                .query((rs, n) -> {
                    AlertKey key = new AlertKey(rs.getString("key_station"), Rule.valueOf(rs.getString("key_rule")),
                            Pollutant.valueOf(rs.getString("key_pollutant")));
                    Optional<StationAlert> open = rs.getString("alert_id") == null ? Optional.empty() : Optional.of(alert(rs, n));
                    states.put(key, new KeyState(open, Optional.ofNullable(instant(rs, "last_resolved"))));
                    return key;
                })
                .list();
        return states;
    }

    /** @return false when an alert with this id exists already (a re-evaluated hour: deduplicated) */
    boolean insert(StationAlert a) {
        return jdbc.sql("""
                        insert into station_alert (alert_id, station_id, region_id, station_class, rule, pollutant, status,
                          status_reason, episode_start, raised_hour, last_hour, evidence, last_evidence, peak_value, revision,
                          announced, raised_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?)
                        on conflict (alert_id) do nothing""")
                .params(a.alertId(), a.stationId(), a.regionId(), a.stationClass() == null ? null : a.stationClass().name(),
                        a.rule().name(), a.pollutant().name(), a.status().name(), a.statusReason(),
                        Timestamp.from(a.episodeStart()), Timestamp.from(a.raisedHour()), Timestamp.from(a.lastHour()),
                        json(a.evidence()), json(a.lastEvidence()), a.peakValue(), a.revision(), a.announced(),
                        Timestamp.from(a.raisedAt()), Timestamp.from(a.updatedAt()))
                .update() == 1;
    }

    /** Writes the changing part of an alert (status, hours, evidence, revision). */
    void update(StationAlert a) {
        jdbc.sql("""
                        update station_alert set status = ?, status_reason = ?, last_hour = ?, resolved_hour = ?,
                          last_evidence = cast(? as jsonb), peak_value = ?, revision = ?, announced = ?, updated_at = ?,
                          resolved_at = ?
                        where alert_id = ?""")
                .params(a.status().name(), a.statusReason(), Timestamp.from(a.lastHour()), timestamp(a.resolvedHour()),
                        json(a.lastEvidence()), a.peakValue(), a.revision(), a.announced(), Timestamp.from(a.updatedAt()),
                        timestamp(a.resolvedAt()), a.alertId())
                .update();
    }

    void record(String alertId, StationAlert.Transition t) {
        jdbc.sql("""
                        insert into station_alert_transition (alert_id, revision, status, hour_end, reason, evidence, published, occurred_at)
                        values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)""")
                .params(alertId, t.revision(), t.status().name(), Timestamp.from(t.hourEnd()), t.reason(), json(t.evidence()),
                        t.published(), Timestamp.from(t.occurredAt()))
                .update();
    }

    Optional<StationAlert> find(String alertId) {
        return jdbc.sql("select " + COLUMNS + " from station_alert where alert_id = ?")
                .param(alertId).query(this::alert).optional();
    }

    List<StationAlert.Transition> transitions(String alertId) {
        return jdbc.sql("""
                        select revision, status, hour_end, reason, evidence::text as evidence, published, occurred_at
                        from station_alert_transition where alert_id = ? order by revision""")
                .param(alertId)
                .query((rs, n) -> new StationAlert.Transition(rs.getInt("revision"), Status.valueOf(rs.getString("status")),
                        instant(rs, "hour_end"), rs.getString("reason"), evidence(rs.getString("evidence")),
                        rs.getBoolean("published"), instant(rs, "occurred_at")))
                .list();
    }

    /** Newest episodes first; {@code from}/{@code to} keep the alerts whose episode overlaps [from, to). */
    List<StationAlert> list(Query q, int limit) {
        return jdbc.sql("select " + COLUMNS + " from station_alert"
                        + " where (cast(:station as text) is null or station_id = :station)"
                        + " and (cast(:region as text) is null or region_id = :region)"
                        + " and (cast(:status as text) is null or status = :status)"
                        + " and (not :openOnly or status <> 'RESOLVED')"
                        + " and (cast(:rule as text) is null or rule = :rule)"
                        + " and (cast(:pollutant as text) is null or pollutant = :pollutant)"
                        + " and (cast(:to as timestamptz) is null or episode_start < :to)"
                        + " and (cast(:from as timestamptz) is null or resolved_hour is null or resolved_hour > :from)"
                        + " order by episode_start desc, alert_id limit :limit")
                .param("station", q.stationId())
                .param("region", q.regionId())
                .param("status", q.status() == null ? null : q.status().name())
                .param("openOnly", q.openOnly())
                .param("rule", q.rule() == null ? null : q.rule().name())
                .param("pollutant", q.pollutant() == null ? null : q.pollutant().name())
                .param("from", timestamp(q.from()))
                .param("to", timestamp(q.to()))
                .param("limit", limit)
                .query(this::alert).list();
    }

    private StationAlert alert(ResultSet rs, int row) throws SQLException {
        String stationClass = rs.getString("station_class");
        return new StationAlert(rs.getString("alert_id"), rs.getString("station_id"), rs.getString("region_id"),
                stationClass == null ? null : StationClass.valueOf(stationClass), Rule.valueOf(rs.getString("rule")),
                Pollutant.valueOf(rs.getString("pollutant")), Status.valueOf(rs.getString("status")),
                rs.getString("status_reason"), instant(rs, "episode_start"), instant(rs, "raised_hour"),
                instant(rs, "last_hour"), instant(rs, "resolved_hour"), evidence(rs.getString("evidence")),
                evidence(rs.getString("last_evidence")), rs.getDouble("peak_value"), rs.getInt("revision"),
                rs.getBoolean("announced"), instant(rs, "raised_at"), instant(rs, "updated_at"), instant(rs, "resolved_at"));
    }

    private static String json(Evidence evidence) {
        return EventJson.mapper().writeValueAsString(evidence);
    }

    private static Evidence evidence(String json) {
        return json == null ? null : EventJson.mapper().readValue(json, Evidence.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
